"""Longest identical-genotype run (in SNPs, within chromosome) of each real mouse against the synthetic
sibs of its own sibship, split by: used in reconstruction / non-used training sib / holdout.
python3 runs.py recon.npz SYNPREFIX"""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))  # bench/bedio.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sys, numpy as np
from bedio import read_codes
from recon import load, sibships
R = np.load(sys.argv[1]); syn = sys.argv[2]
keys = list(R['keys']); used = [set(map(int, s.split(','))) for s in R['used']]
codes, chrom, cm, fam = load()
hcodes = read_codes(os.environ.get('SPLIT', 'work/split/mouse') + '.holdout')
hfam = [l.rstrip('\n').split('\t') for l in open(os.environ.get('SPLIT', 'work/split/mouse') + '.holdout.fam')]
S = read_codes(syn); lab = np.loadtxt(syn + '.sib', dtype=int)
brk = np.r_[True, chrom[1:] != chrom[:-1]]
def longest(eq):  # eq: n x M bool
    n, M = eq.shape
    best = np.zeros(n, int); cur = np.zeros(n, int)
    for m in range(M):
        cur = np.where(eq[:, m], np.where(brk[m], 0, cur) + 1, 0)
        best = np.maximum(best, cur)
    return best
rows = []; owner = []
def run_for(g, s):
    syn_cols = np.where(lab == s)[0]
    for c in syn_cols:
        rows.append((g, c)); 
    owner.extend([len(tags)] * len(syn_cols))
tags = []; ksz = []
out = {'used': [], 'train_other': [], 'holdout': []}
groups = sibships(fam)
kidx = {k: i for i, k in enumerate(keys)}
hg = {}
for j, r in enumerate(hfam): hg.setdefault('%s|%s' % (r[2], r[3]), []).append(j)
rng = np.random.default_rng(0)
for s, k in enumerate(keys):
    mem = list(map(int, R['members'][s].split(',')))
    for j in mem:
        ksz.append(len(mem)); run_for(codes[:, j], s); tags.append('used' if j in used[s] else 'train_other')
    for j in hg.get(k, []):
        ksz.append(len(mem)); run_for(hcodes[:, j], s); tags.append('holdout')
eq = np.stack([g == S[:, c] for g, c in rows])
best = longest(eq); owner = np.array(owner)
mx = np.zeros(len(tags), int); np.maximum.at(mx, owner, best)
for t, v in zip(tags, mx): out[t].append(v)
for k, v in out.items():
    v = np.array(v); print(k, len(v), 'median', np.median(v), 'mean %.1f' % v.mean())
def auc(a, b):
    a = np.array(a); b = np.array(b)
    return ((a[:, None] > b[None]).mean() + 0.5 * (a[:, None] == b[None]).mean())
print('AUC used vs holdout %.3f ; other train vs holdout %.3f ; all train vs holdout %.3f' % (
    auc(out['used'], out['holdout']), auc(out['train_other'], out['holdout']), auc(out['used'] + out['train_other'], out['holdout'])))

ksz = np.array(ksz); tg = np.array(tags)
for lo, hi in ((2, 3), (4, 6), (7, 12), (13, 99)):
    sel = (ksz >= lo) & (ksz <= hi)
    a = mx[sel & (tg != 'holdout')]; b = mx[sel & (tg == 'holdout')]
    if len(a) and len(b):
        print('training sibship size %d-%d: n_train %d n_holdout %d  AUC train vs holdout %.3f' % (lo, hi, len(a), len(b), auc(a, b)))
