"""How much of a synthetic cohort's DCR share (evaluate's dcr_share_closer) comes from Hardy-Weinberg proportions
alone: the share of the synthetic genomes, of genomes drawn in HWE from the training allele frequencies, and of genomes
drawn from the training genotype counts (evaluate's frequency floor), on a random subset of variants. Distance: the
mean allele difference per called variant, as evaluate's; each genome's distance to its closest training genome,
against the holdout's.
  usage: python3 bench/dcr_hwe.py TRAIN HOLDOUT SYNTHETIC [VARIANTS]   (PLINK prefixes; VARIANTS default 60000)"""
import sys
import numpy as np
from bedio import read_codes

train, holdout, synthetic = sys.argv[1:4]
m = int(sys.argv[4]) if len(sys.argv) > 4 else 60000
rng = np.random.default_rng(1)
codes = read_codes(train)
sel = np.sort(rng.choice(codes.shape[0], min(m, codes.shape[0]), replace=False))


def dosage(c):
    """samples x variants: ALT copies 0/1/2 (the .bed's A2 count), -1 missing."""
    c = c[sel].T
    return np.where(c == 1, -1, np.where(c == 0, 0, np.where(c == 2, 1, 2))).astype(np.int8)


def indicators(x):
    return [(x == v).astype(np.float32) for v in (0, 1, 2)]


def distance(a, b):
    ia, ib = indicators(a), indicators(b)
    called = (ia[0] + ia[1] + ia[2]) @ (ib[0] + ib[1] + ib[2]).T
    equal = ia[0] @ ib[0].T + ia[1] @ ib[1].T + ia[2] @ ib[2].T
    opposite = ia[0] @ ib[2].T + ia[2] @ ib[0].T
    return ((called - equal) + opposite) / (2 * called)


t, h, s = dosage(codes), dosage(read_codes(holdout)), dosage(read_codes(synthetic))
n = s.shape[0]
called = t >= 0
alt = np.where(called, t, 0).sum(0) / (2 * called.sum(0))
hwe = ((rng.random((n, t.shape[1])) < alt).astype(np.int8) + (rng.random((n, t.shape[1])) < alt).astype(np.int8))
counts = np.stack([(t == v).sum(0) for v in (0, 1, 2)]).astype(float)
counts /= counts.sum(0)
u = rng.random((n, t.shape[1]))
drawn = np.where(u < counts[0], 0, np.where(u < counts[0] + counts[1], 1, 2)).astype(np.int8)
d_hold = distance(h, t).min(1)
print(f'{t.shape[1]} variants; training heterozygosity {((t == 1).sum(1) / called.sum(1)).mean():.4f}')
for name, x in (('synthetic', s), ('drawn in HWE from the allele frequencies', hwe),
                ('drawn from the genotype counts', drawn)):
    d = distance(x, t).min(1)
    share = (d[:, None] < d_hold[None, :]).mean() + 0.5 * (d[:, None] == d_hold[None, :]).mean()
    het = ((x == 1).sum(1) / (x >= 0).sum(1)).mean()
    print(f'{name}: DCR share {share:.3f}, heterozygosity {het:.4f}, median distance {np.median(d):.5f} '
          f'(holdout {np.median(d_hold):.5f})')
