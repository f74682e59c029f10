#!/usr/bin/env python3
"""Genomes drawn site by site from allele frequencies, with structure: a reference generator for the structure/privacy
trade-off (docs/synth.md, "Structure under the privacy bound at a few hundred people").

The training genomes are clustered (k-means on the top 4 principal components of every tenth variant with SD > 0.2,
seeded); synthetic genome i belongs to training genome i's cluster and carries, at every variant, Binomial(2, p) copies
of A1 with p = LAMBDA x (its cluster's A1 frequency) + (1 - LAMBDA) x (the pooled frequency). LAMBDA 0 keeps nothing
but the cohort's frequencies (evaluate's frequency floor); LAMBDA 1 keeps each cluster's own frequencies, the most
structure a generator without LD can keep. No LD, no copying: what such genomes give away is the clusters' frequencies.
CLUSTERS given as localSHARE (e.g. local0.15) puts no clusters on the cohort: synthetic genome i's frequencies are
instead those of the SHARE of the training genomes nearest training genome i on the top 8 principal components (i
itself left out), as synth's ancestry-local pools choose donors (docs/synth.md, the two genome-wide cohorts).
Writes OUT.bed/.bim/.fam with as many genomes as the input and IDs F0, F1, ...
   usage: bench/frequency_genomes.py TRAIN_PREFIX OUT_PREFIX LAMBDA CLUSTERS|localSHARE [SEED]
Needs numpy.
"""
import shutil
import sys
import numpy as np
from bedio import MAGIC, dosages, kmeans, pack, read_codes, top_pcs

src, out, lam, k = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
g = dosages(read_codes(src))
m, n = g.shape
rng = np.random.default_rng(seed)
pooled = np.nan_to_num(np.nanmean(g, 1) / 2)
syn = np.zeros((m, n), dtype=np.uint8)
if k.startswith('local'):
    x = top_pcs(g, count=8)
    size = max(2, int(float(k[len('local'):]) * n))
    for i in range(n):
        nearest = np.argsort(((x - x[i]) ** 2).sum(1))[1:size + 1]
        freq = np.nan_to_num(np.nanmean(g[:, nearest], 1) / 2)
        syn[:, i] = rng.binomial(2, lam * freq + (1 - lam) * pooled)
    label = np.zeros(n, dtype=int)
else:
    label = kmeans(top_pcs(g, every=10), int(k), rng)
    cluster_freq = {c: np.nan_to_num(np.nanmean(g[:, label == c], 1) / 2) for c in np.unique(label)}
    for i in range(n):
        syn[:, i] = rng.binomial(2, lam * cluster_freq[label[i]] + (1 - lam) * pooled)
code = np.where(syn == 2, 0, np.where(syn == 1, 2, 3)).astype(np.uint8)
with open(out + '.bed', 'wb') as bed:
    bed.write(MAGIC)
    bed.write(pack(code))
shutil.copy(src + '.bim', out + '.bim')
with open(out + '.fam', 'w') as fam:
    for i in range(n):
        fam.write('F%d\tF%d\t0\t0\t0\t-9\n' % (i, i))
print('%s: %d genomes x %d variants, lambda %g, %s' % (out, n, m, lam, k if k.startswith('local')
                                                      else 'clusters %s' % np.bincount(label).tolist()))
