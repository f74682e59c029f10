#!/usr/bin/env python3
"""A genome-wide-like phased cohort from a short phased region: K copies of a VCF as chromosomes 1..K.

The phased counterpart of bench/chimera_cohort.py: copy 1 is the input's records; in every other copy the sample
columns are permuted within ancestry clusters (k-means on the top 4 principal components of the dosages), so each
output person is a chimera of K real people of one cluster, with real haplotypes (the input's phase), real LD and real
population structure on every chromosome. Records keep their positions and INFO (so a CM genetic map stays); IDs get
a _cK suffix. Written as plain VCF text to stdout.
   usage: bench/chimera_vcf.py IN.vcf.gz COPIES [CLUSTERS] | bcftools view -Oz -o OUT.vcf.gz
Needs numpy.
"""
import gzip
import sys
import numpy as np
from bedio import kmeans, permutation_within, top_pcs

src, copies = sys.argv[1], int(sys.argv[2])
clusters = int(sys.argv[3]) if len(sys.argv) > 3 else 5
header, records = [], []
with gzip.open(src, 'rt') as f:
    for line in f:
        if line.startswith('#'):
            header.append(line)
        else:
            records.append(line.rstrip('\n').split('\t'))
n = len(records[0]) - 9
dos = np.array([[float(gt[0] != '0') + float(gt[2] != '0') if gt[0] != '.' else np.nan for gt in r[9:]]
                for r in records])
rng = np.random.default_rng(7)
label = kmeans(top_pcs(dos), clusters, rng)
out = sys.stdout
for line in header:
    if line.startswith('##contig'):
        continue
    if line.startswith('#CHROM'):
        for c in range(copies):
            out.write('##contig=<ID=%d>\n' % (c + 1))
    out.write(line)
for c in range(copies):
    perm = np.arange(n) if c == 0 else permutation_within(label, clusters, rng)
    for r in records:
        cols = r[9:]
        out.write('\t'.join([str(c + 1), r[1], r[2] + '_c%d' % (c + 1)] + r[3:9] + [cols[i] for i in perm]) + '\n')
print('%d people x %d variants (%d copies), clusters %s' % (n, len(records) * copies, copies,
                                                          np.bincount(label, minlength=clusters).tolist()),
      file=sys.stderr)
