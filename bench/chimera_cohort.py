#!/usr/bin/env python3
"""A genome-wide-like test cohort from a short region: K copies of a PLINK fileset as chromosomes 1..K.

Copy 1 is the input; in every other copy the samples are permuted within ancestry clusters (k-means on the top 4
principal components), so each output person is a chimera of K real people of one cluster, with real LD and real
population structure on every chromosome, and each real person appears once per chromosome (a train/holdout split
of the chimeras is a clean split on every chromosome). Used to measure synthesis on many variants without a
genome-wide cohort (docs/synth.md).
   usage: bench/chimera_cohort.py IN_PREFIX OUT_PREFIX COPIES [CLUSTERS]
Needs numpy.
"""
import sys
import numpy as np
from bedio import MAGIC, dosages, kmeans, pack, permutation_within, read_codes, top_pcs

src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
clusters = int(sys.argv[4]) if len(sys.argv) > 4 else 5
fam = [l.split() for l in open(src + '.fam')]
bim = [l.split() for l in open(src + '.bim')]
n, m = len(fam), len(bim)
codes = read_codes(src)
pcs = top_pcs(dosages(codes))
rng = np.random.default_rng(7)
label = kmeans(pcs, clusters, rng)
with open(out + '.bed', 'wb') as bed, open(out + '.bim', 'w') as bo:
    bed.write(MAGIC)
    for c in range(copies):
        perm = np.arange(n) if c == 0 else permutation_within(label, clusters, rng)
        bed.write(pack(codes[:, perm]))
        for b in bim:
            bo.write('\t'.join([str(c + 1), b[1] + '_c%d' % (c + 1)] + b[2:]) + '\n')
with open(out + '.fam', 'w') as fo:
    fo.write(open(src + '.fam').read())
print('%s: %d people x %d variants (%d copies), clusters %s' % (out, n, m * copies, copies,
                                                                 np.bincount(label, minlength=clusters).tolist()))
