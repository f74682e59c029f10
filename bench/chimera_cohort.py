#!/usr/bin/env python3
"""A genome-wide-like test cohort from a short region: K copies of a PLINK fileset as chromosomes 1..K.

Copy 1 is the input; in every other copy the samples are permuted within ancestry clusters (k-means on the top 4
principal components), so each output person is a chimera of K real people of one cluster, with real LD and real
population structure on every chromosome, and each real person appears once per chromosome (a train/holdout split
of the chimeras is a clean split on every chromosome). Used to measure synthesis on many variants without a
genome-wide cohort (docs/synth.md).
With --per-chromosome PER the copies go PER to a chromosome, end to end (positions +4 Mb and cM +10 per copy, so each
copy is unlinked to the next), on chromosomes 1..K/PER: more than 22 copies stay on the autosomes (as chromosomes
they would be read as X, Y, XY and MT). With the human_1kg_chr20 region thinned to array density (plink2 --maf 0.02
--bp-space 3000: 862 SNPs), 88 copies 4 per chromosome: 503 x 75,856 (docs/synth.md, "Unphased input of any size").
   usage: bench/chimera_cohort.py IN_PREFIX OUT_PREFIX COPIES [CLUSTERS] [--per-chromosome PER]
Needs numpy.
"""
import sys
import numpy as np
from bedio import MAGIC, dosages, kmeans, pack, permutation_within, read_codes, top_pcs

args = sys.argv[1:]
per = 0
if '--per-chromosome' in args:
    i = args.index('--per-chromosome')
    per = int(args[i + 1])
    del args[i:i + 2]
src, out, copies = args[0], args[1], int(args[2])
clusters = int(args[3]) if len(args) > 3 else 5
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
            if per:
                chrom, k = c // per + 1, c % per
                bo.write('\t'.join([str(chrom), '%s_%d_%d' % (b[1], chrom, k), '%.6f' % (float(b[2]) + 10 * k),
                                    str(int(b[3]) + 4000000 * k), b[4], b[5]]) + '\n')
            else:
                bo.write('\t'.join([str(c + 1), b[1] + '_c%d' % (c + 1)] + b[2:]) + '\n')
with open(out + '.fam', 'w') as fo:
    fo.write(open(src + '.fam').read())
print('%s: %d people x %d variants (%d copies), clusters %s' % (out, n, m * copies, copies,
                                                                 np.bincount(label, minlength=clusters).tolist()))
