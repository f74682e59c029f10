"""PLINK .bed reading and writing for the bench's numpy scripts (chimera_cohort.py, frequency_genomes.py)."""
import numpy as np


def read_codes(prefix):
    """The 2-bit PLINK codes of PREFIX.bed as a variants x samples uint8 array (0 hom A1, 1 missing, 2 het, 3 hom A2)."""
    n = sum(1 for _ in open(prefix + '.fam'))
    m = sum(1 for _ in open(prefix + '.bim'))
    bpv = (n + 3) // 4
    raw = np.fromfile(prefix + '.bed', dtype=np.uint8)[3:].reshape(m, bpv)
    codes = np.zeros((m, bpv * 4), dtype=np.uint8)
    for k in range(4):
        codes[:, k::4] = (raw >> (2 * k)) & 3
    return codes[:, :n]


def dosages(codes):
    """Copies of A1 per call (NaN where missing)."""
    return np.where(codes == 1, np.nan, np.where(codes == 0, 2.0, np.where(codes == 2, 1.0, 0.0)))


def pack(codes):
    """The .bed bytes (without the magic) of a variants x samples array of 2-bit codes."""
    m, n = codes.shape
    bpv = (n + 3) // 4
    pad = np.zeros((m, bpv * 4), dtype=np.uint8)
    pad[:, :n] = codes
    packed = np.zeros((m, bpv), dtype=np.uint8)
    for k in range(4):
        packed |= (pad[:, k::4] << (2 * k)).astype(np.uint8)
    return packed.tobytes()


MAGIC = bytes([0x6c, 0x1b, 0x01])


def top_pcs(g, count=4, every=1):
    """The top principal component scores of dosages g (variants x samples), on variants with SD > 0.2."""
    mu = np.nanmean(g, 1, keepdims=True)
    sd = np.nanstd(g, 1, keepdims=True)
    rows = np.where(sd[:, 0] > 0.2)[0][::every]
    z = np.nan_to_num((g[rows] - mu[rows]) / sd[rows])
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    return vt[:count].T * s[:count]


def kmeans(points, clusters, rng):
    """Labels of 100 Lloyd iterations from `clusters` seeded starting points."""
    centres = points[rng.choice(len(points), clusters, replace=False)]
    for _ in range(100):
        label = np.argmin(((points[:, None, :] - centres[None]) ** 2).sum(2), 1)
        centres = np.array([points[label == k].mean(0) if (label == k).any() else centres[k]
                            for k in range(clusters)])
    return label


def permutation_within(label, clusters, rng):
    """A permutation of the samples that moves each one only within its cluster (k-means label)."""
    perm = np.arange(len(label))
    for k in range(clusters):
        idx = np.where(label == k)[0]
        perm[idx] = rng.permutation(idx)
    return perm
