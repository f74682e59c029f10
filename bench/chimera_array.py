#!/usr/bin/env python3
"""A genome-wide-like cohort on 22 autosomes from a short region: PER copies of a PLINK fileset end to end on each
chromosome (positions +4 Mb and cM +10 per copy, so each copy is unlinked to the next), people permuted within
ancestry clusters per copy as in bench/chimera_cohort.py (which puts each copy on its own chromosome: past 22 copies
those would be read as X, Y, XY and MT). With the human_1kg_chr20 region thinned to array density
(plink2 --maf 0.02 --bp-space 3000: 862 SNPs) and PER 4: 503 x 75,856 (docs/synth.md, "Unphased input of any
size").
   usage: bench/chimera_array.py IN_PREFIX OUT_PREFIX PER [CLUSTERS]
Needs numpy.
"""
import sys
import numpy as np
from bedio import MAGIC, dosages, kmeans, pack, permutation_within, read_codes, top_pcs

src, out, per = sys.argv[1], sys.argv[2], int(sys.argv[3])
clusters = int(sys.argv[4]) if len(sys.argv) > 4 else 5
fam = [l.split() for l in open(src + '.fam')]
bim = [l.split() for l in open(src + '.bim')]
n = len(fam)
codes = read_codes(src)
rng = np.random.default_rng(7)
label = kmeans(top_pcs(dosages(codes)), clusters, rng)
with open(out + '.bed', 'wb') as bed, open(out + '.bim', 'w') as bo:
    bed.write(MAGIC)
    first = True
    for chrom in range(1, 23):
        for k in range(per):
            perm = np.arange(n) if first else permutation_within(label, clusters, rng)
            first = False
            bed.write(pack(codes[:, perm]))
            for b in bim:
                bo.write('\t'.join([str(chrom), '%s_%d_%d' % (b[1], chrom, k), '%.6f' % (float(b[2]) + 10 * k),
                                    str(int(b[3]) + 4000000 * k), b[4], b[5]]) + '\n')
with open(out + '.fam', 'w') as fo:
    fo.write(open(src + '.fam').read())
print('%s: %d people x %d variants (%d copies on each of 22 chromosomes), clusters %s'
      % (out, n, len(bim) * per * 22, per, np.bincount(label, minlength=clusters).tolist()))
