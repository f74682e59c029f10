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

src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
clusters = int(sys.argv[4]) if len(sys.argv) > 4 else 5
fam = [l.split() for l in open(src + '.fam')]
bim = [l.split() for l in open(src + '.bim')]
n, m = len(fam), len(bim)
bpv = (n + 3) // 4
raw = np.fromfile(src + '.bed', dtype=np.uint8)[3:].reshape(m, bpv)
codes = np.zeros((m, bpv * 4), dtype=np.uint8)
for k in range(4):
    codes[:, k::4] = (raw >> (2 * k)) & 3
codes = codes[:, :n]
# PLINK codes: 0 hom A1, 1 missing, 2 het, 3 hom A2
g = np.where(codes == 1, np.nan, np.where(codes == 0, 2.0, np.where(codes == 2, 1.0, 0.0)))
mu = np.nanmean(g, 1, keepdims=True)
sd = np.nanstd(g, 1, keepdims=True)
keep = sd[:, 0] > 0.2
z = np.nan_to_num((g[keep] - mu[keep]) / sd[keep])
_, s, vt = np.linalg.svd(z, full_matrices=False)
pcs = vt[:4].T * s[:4]
rng = np.random.default_rng(7)
centres = pcs[rng.choice(n, clusters, replace=False)]
for _ in range(100):
    label = np.argmin(((pcs[:, None, :] - centres[None]) ** 2).sum(2), 1)
    centres = np.array([pcs[label == k].mean(0) if (label == k).any() else centres[k] for k in range(clusters)])
with open(out + '.bed', 'wb') as bed, open(out + '.bim', 'w') as bo:
    bed.write(bytes([0x6c, 0x1b, 0x01]))
    for c in range(copies):
        perm = np.arange(n)
        if c > 0:
            for k in range(clusters):
                idx = np.where(label == k)[0]
                perm[idx] = rng.permutation(idx)
        pad = np.zeros((m, bpv * 4), dtype=np.uint8)
        pad[:, :n] = codes[:, perm]
        packed = np.zeros((m, bpv), dtype=np.uint8)
        for k in range(4):
            packed |= (pad[:, k::4] << (2 * k)).astype(np.uint8)
        bed.write(packed.tobytes())
        for b in bim:
            bo.write('\t'.join([str(c + 1), b[1] + '_c%d' % (c + 1)] + b[2:]) + '\n')
with open(out + '.fam', 'w') as fo:
    fo.write(open(src + '.fam').read())
print('%s: %d people x %d variants (%d copies), clusters %s' % (out, n, m * copies, copies,
                                                                 np.bincount(label, minlength=clusters).tolist()))
