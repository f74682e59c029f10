"""Generate new full sibs from reconstructed parents.

python3 gen.py recon_K4.npz constrained|prior OUTPREFIX [seed]
"""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))  # bench/bedio.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sys
import numpy as np
from bedio import pack, MAGIC
from recon import load, sibships, haldane

recf, variant, out = sys.argv[1], sys.argv[2], sys.argv[3]
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
rng = np.random.default_rng(seed)
R = np.load(recf)
keys, hap, obs = R['keys'], R['hap'], R['obs']
members = [list(map(int, s.split(','))) for s in R['members']]
codes, chrom, cm, fam = load()
N = codes.shape[1]
M = codes.shape[0]
sizes = np.array([len(m) for m in members], dtype=float)
n_single = sum(1 for g in sibships(fam).values() if len(g) < 2)
# largest-remainder allocation of N synthetic mice over the sibships
import os
MINK = int(os.environ.get('MINK', '2'))
sizes = np.where(sizes >= MINK, sizes, 0)
q = sizes / sizes.sum() * N
alloc = np.floor(q).astype(int)
rem = N - alloc.sum()
alloc[np.argsort(-(q - alloc))[:rem]] += 1
assert alloc.sum() == N

chroms = np.unique(chrom)
rvec = np.zeros(M)
first = np.zeros(M, dtype=bool)
for c in chroms:
    idx = np.where(chrom == c)[0]
    first[idx[0]] = True
    rvec[idx[1:]] = haldane(np.diff(cm[idx]))


def chain():
    """Markov 0/1 chain with Haldane switches; uniform restart at each chromosome start."""
    flips = rng.random(M) < rvec
    start = rng.random(M) < 0.5
    x = np.empty(M, dtype=np.int8)
    cur = 0
    for c in chroms:
        idx = np.where(chrom == c)[0]
        f = flips[idx].copy(); f[0] = False
        x[idx] = (start[idx[0]] + np.cumsum(f)) % 2
    return x


ar = np.arange(M)
import os
LOO = int(os.environ.get("LOO_MIN", "2"))
_d = np.where(codes == 0, 2, np.where(codes == 2, 1, np.where(codes == 3, 0, -1)))
pfreq = np.where(_d < 0, 0, _d).sum(1) / (2.0 * (_d >= 0).sum(1))
G = np.zeros((M, N), dtype=np.int8)
sex = []
col = 0
n_fallback = 0
for s in range(len(keys)):
    h, o = hap[s], obs[s]
    for _ in range(alloc[s]):
        b = chain(); c = chain()
        pb = b.astype(int); mc = 2 + c.astype(int)
        if variant == 'constrained':
            pb = np.where(o[pb, ar], pb, 1 - pb)
            mc = np.where(o[mc, ar], mc, 5 - mc)
        if variant == 'loo':
            cn = R['cnt'][s]
            ok_b = cn[pb, ar] >= LOO; oth_b = cn[1 - pb, ar] >= LOO
            ok_c = cn[mc, ar] >= LOO; oth_c = cn[5 - mc, ar] >= LOO
            pa = np.where(ok_b, h[pb, ar], np.where(oth_b, h[1 - pb, ar], (rng.random(M) < pfreq).astype(np.int8)))
            ma = np.where(ok_c, h[mc, ar], np.where(oth_c, h[5 - mc, ar], (rng.random(M) < pfreq).astype(np.int8)))
            G[:, col] = pa + ma
        else:
            G[:, col] = h[pb, ar] + h[mc, ar]
        sex.append(fam[rng.choice(members[s])][4])
        col += 1
NOISE = float(os.environ.get('NOISE', '0'))
if NOISE > 0:
    hit = rng.random(G.shape) < NOISE
    hw = (rng.random(G.shape) < pfreq[:, None]).astype(np.int8) + (rng.random(G.shape) < pfreq[:, None]).astype(np.int8)
    G = np.where(hit, hw, G)
    print('noise', NOISE, 'changed share', (hit & (hw != G)).mean())
codes_out = np.where(G == 2, 0, np.where(G == 1, 2, 3)).astype(np.uint8)
with open(out + '.bed', 'wb') as f:
    f.write(MAGIC); f.write(pack(codes_out))
import shutil
shutil.copy(os.environ.get('SPLIT', 'work/split/mouse') + '.train.bim', out + '.bim')
with open(out + '.fam', 'w') as f:
    for i in range(N):
        f.write('syn%d\tsyn%d\t0\t0\t%s\t-9\n' % (i + 1, i + 1, sex[i]))
np.savetxt(out + '.sib', np.repeat(np.arange(len(keys)), alloc), fmt='%d')
print('sibships used %d, singleton sibships skipped %d, synthetic %d, alloc min/max %d/%d' % (
    (alloc > 0).sum(), n_single, N, alloc.min(), alloc.max()))
