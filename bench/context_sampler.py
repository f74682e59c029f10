#!/usr/bin/env python3
"""Prototype generator (not in genosynth yet): a k-anonymous haplotype-context sampler.

Each synthetic haplotype is drawn site by site. At site v its allele is drawn from the training haplotypes that
match it over its longest recent context that at least K of them share: for each training haplotype h, start[h] is
the first site since which h has carried every allele drawn so far; the context's start is the K-th smallest start,
and the allele is ALT with the share of ALT among the haplotypes whose start is at most that. Then every haplotype
that does not carry the drawn allele starts again after v. So a synthetic haplotype follows a stretch of real
haplotype only while K of them share it, and it is a new haplotype, not a copy: it keeps the LD that K or more
haplotypes carry together and no run that fewer carry. Two drawn haplotypes make a genome; no missing calls.

Usage: context_sampler.py PHASED.vcf.gz OUT_PREFIX K SEED
Writes OUT_PREFIX.bed/.bim/.fam (as many genomes as the input, IDs SYN000000...). The .bim takes CHROM, ID, POS,
REF and ALT from the VCF and cM from INFO/CM (0 without), A1 = ALT. One chromosome per file is assumed (as in
human_1kg_chr20); every call must be phased (a|b) and bi-allelic.

Measured in docs/synth.md ("A haplotype-context sampler: the measured prototype").
"""
import gzip
import sys

import numpy as np

import bedio


def read_phased(path):
    """Haplotype alleles (variants x 2 samples) and the .bim lines of a phased, bi-allelic VCF."""
    rows, bim = [], []
    with gzip.open(path, 'rt') as fh:
        for line in fh:
            if line.startswith('#'):
                continue
            f = line.rstrip('\n').split('\t')
            cm = 0.0
            for item in f[7].split(';'):
                if item.startswith('CM='):
                    cm = float(item[3:])
            gts = [g.split(':')[0] for g in f[9:]]
            if any(len(g) != 3 or g[1] != '|' for g in gts):
                sys.exit(f'context_sampler: {path}: {f[0]}:{f[1]}: every call must be phased and bi-allelic (a|b)')
            h = np.array([[g[0] == '1', g[2] == '1'] for g in gts], dtype=np.uint8).reshape(-1)
            rows.append(h)
            bim.append(f'{f[0]}\t{f[2]}\t{cm}\t{f[1]}\t{f[4]}\t{f[3]}\n')
    return np.array(rows), bim


def sample(haplotypes, count, k, rng):
    """`count` synthetic haplotypes (variants x count) drawn from `haplotypes` (variants x N) with context support k."""
    m, n = haplotypes.shape
    start = np.zeros((count, n), dtype=np.int32)
    out = np.zeros((m, count), dtype=np.uint8)
    for v in range(m):
        threshold = np.partition(start, k - 1, axis=1)[:, k - 1]
        context = start <= threshold[:, None]
        alt = haplotypes[v][None, :].astype(bool)
        p = (context & alt).sum(1) / context.sum(1)
        drawn = (rng.random(count) < p).astype(np.uint8)
        out[v] = drawn
        start[haplotypes[v][None, :] != drawn[:, None]] = v + 1
    return out


def main():
    vcf, prefix, k, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    haplotypes, bim = read_phased(vcf)
    n = haplotypes.shape[1]
    drawn = sample(haplotypes, n, k, np.random.default_rng(seed))
    alt = drawn[:, 0::2] + drawn[:, 1::2]
    codes = np.where(alt == 2, 0, np.where(alt == 1, 2, 3)).astype(np.uint8)  # A1 = ALT
    with open(prefix + '.bed', 'wb') as fh:
        fh.write(bedio.MAGIC)
        fh.write(bedio.pack(codes))
    with open(prefix + '.bim', 'w') as fh:
        fh.writelines(bim)
    with open(prefix + '.fam', 'w') as fh:
        for i in range(n // 2):
            fh.write(f'SYN{i:06d}\tSYN{i:06d}\t0\t0\t0\t-9\n')


if __name__ == '__main__':
    main()
