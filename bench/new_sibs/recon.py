"""Lander-Green reconstruction of sibship parents from K genotyped full sibs.

python3 recon.py K [seed] [maxsibships]  -> writes recon_K{K}.npz
Per sibship (k>=2 training sibs): forward filtering + backward SAMPLING of one
inheritance path (v,u), then per-SNP sampling of parental alleles (P0,P1,M0,M1)
from their posterior given the path and the K sibs' genotypes.
Alleles are coded as count of A1 (1 = A1, 0 = A2); dosage = count of A1.
"""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))  # bench/bedio.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sys, time
import numpy as np
from bedio import read_codes

EPS = 0.005
PREFIX = os.environ.get('SPLIT', 'work/split/mouse') + '.train'


def load():
    codes = read_codes(PREFIX)                      # M x N
    bim = np.loadtxt(PREFIX + '.bim', dtype=str)
    chrom = bim[:, 0].astype(int)
    cm = bim[:, 2].astype(float)
    fam = [l.rstrip('\n').split('\t') for l in open(PREFIX + '.fam')]
    return codes, chrom, cm, fam


def dosage_from_codes(c):
    """A1 dosage, -1 for missing."""
    d = np.full(c.shape, -1, dtype=np.int8)
    d[c == 0] = 2
    d[c == 2] = 1
    d[c == 3] = 0
    return d


def sibships(fam):
    groups = {}
    for j, r in enumerate(fam):
        groups.setdefault((r[2], r[3]), []).append(j)
    return groups


# 16 combos c = (P0,P1,M0,M1) in {0,1}^4, index c = P0*8+P1*4+M0*2+M1
COMBOS = np.array([[(c >> 3) & 1, (c >> 2) & 1, (c >> 1) & 1, c & 1] for c in range(16)])


def haldane(dcm):
    d = dcm / 100.0
    return np.clip(0.5 * (1 - np.exp(-2 * d)), 1e-7, 0.5)


def emission_tables(G, p):
    """G: K x M dosages (-1 missing); p: M freq of A1.
    Returns Ec: M x 16 x 4^K (per-combo likelihood of sib genotypes given state, not prior-weighted)
    and prior: M x 16. State bits: v_i at axis i, u_i at axis K+i (C order, axis 0 is the MSB)."""
    K, M = G.shape
    # true dosage for combo c and (v,u): P_v + M_u ; shape 16 x 2 x 2
    pv = COMBOS[:, [0, 1]]  # 16 x 2 (P0,P1)
    mu = COMBOS[:, [2, 3]]
    dos = pv[:, :, None] + mu[:, None, :]   # 16 x 2(v) x 2(u)
    E = np.ones((M, 16) + (2,) * (2 * K))
    for i in range(K):
        g = G[i]                          # M
        t = np.where(g[:, None, None, None] == dos[None], 1 - EPS, EPS / 2)  # M x 16 x 2 x 2
        t[g < 0] = 1.0
        shape = [M, 16] + [1] * (2 * K)
        shape[2 + i] = 2
        shape[2 + K + i] = 2
        E = E * t.reshape(shape)
    Ec = E.reshape(M, 16, 4 ** K)
    pa = np.stack([p, 1 - p], 1)  # prob allele=1 (A1) , allele=0
    # prior(c) = prod over 4 parental alleles of P(allele)
    prior = np.ones((M, 16))
    for j in range(4):
        a = COMBOS[:, j]
        prior = prior * np.where(a[None] == 1, p[:, None], 1 - p[:, None])
    return Ec, prior


def hamming_table(K):
    S = 4 ** K
    s = np.arange(S)
    x = s[:, None] ^ s[None, :]
    h = np.zeros_like(x)
    for b in range(2 * K):
        h += (x >> b) & 1
    return h  # S x S


def forward(Em, r, K):
    """Em: M x S emission (prior-summed), r: M recomb fraction between m-1 and m (r[0] ignored).
    Returns scaled alpha M x S and log-likelihood."""
    M, S = Em.shape
    alpha = np.empty((M, S))
    a = np.full(S, 1.0 / S) * Em[0]
    z = a.sum(); a /= z; ll = np.log(z)
    alpha[0] = a
    shp = (2,) * (2 * K)
    for m in range(1, M):
        rr = r[m]
        t = a.reshape(shp)
        for ax in range(2 * K):
            t = (1 - rr) * t + rr * np.flip(t, axis=ax)
        a = t.reshape(S) * Em[m]
        z = a.sum(); a /= z; ll += np.log(z)
        alpha[m] = a
    return alpha, ll


def backward_sample(alpha, r, H, K, rng):
    M, S = alpha.shape
    path = np.empty(M, dtype=np.int64)
    p = alpha[-1] / alpha[-1].sum()
    path[-1] = rng.choice(S, p=p)
    nb = 2 * K
    for m in range(M - 2, -1, -1):
        rr = r[m + 1]
        h = H[path[m + 1]]
        w = alpha[m] * (rr ** h) * ((1 - rr) ** (nb - h))
        w /= w.sum()
        path[m] = rng.choice(S, p=w)
    return path


def pair_transitions(D, chrom, p):
    """Q[m] (2x2): P(allele at m | allele at m-1) from 2-locus haplotype freqs of adjacent SNPs
    (EM on unphased training genotypes). Index [prev, cur], allele 1 = A1. Q[m] undefined at chromosome starts."""
    M = D.shape[0]
    Q = np.full((M, 2, 2), 0.5)
    a, b = D[:-1], D[1:]
    n = np.zeros((M - 1, 3, 3))
    for g1 in range(3):
        for g2 in range(3):
            n[:, g1, g2] = ((a == g1) & (b == g2)).sum(1)
    # haplotype freq h[a1][a2], a = 1 means A1
    h = np.full((M - 1, 2, 2), 0.25)
    for _ in range(30):
        c = np.zeros((M - 1, 2, 2))
        # unambiguous contributions: genotype (g1,g2) -> haplotypes
        # hom-hom: two copies of (x,y); hom-het: one (x,1)+(x,0); het-hom: (1,y)+(0,y)
        for g1 in (0, 2):
            x = g1 // 2
            for g2 in (0, 2):
                y = g2 // 2
                c[:, x, y] += 2 * n[:, g1, g2]
            c[:, x, 1] += n[:, g1, 1]; c[:, x, 0] += n[:, g1, 1]
        for g2 in (0, 2):
            y = g2 // 2
            c[:, 1, y] += n[:, 1, g2]; c[:, 0, y] += n[:, 1, g2]
        cis = h[:, 1, 1] * h[:, 0, 0]; trans = h[:, 1, 0] * h[:, 0, 1]
        f = cis / np.maximum(cis + trans, 1e-300)
        c[:, 1, 1] += f * n[:, 1, 1]; c[:, 0, 0] += f * n[:, 1, 1]
        c[:, 1, 0] += (1 - f) * n[:, 1, 1]; c[:, 0, 1] += (1 - f) * n[:, 1, 1]
        c += 0.5
        h = c / c.sum((1, 2), keepdims=True)
    Q[1:] = h / h.sum(2, keepdims=True)
    starts = np.r_[True, chrom[1:] != chrom[:-1]]
    Q[starts] = np.stack([np.stack([1 - p[starts], p[starts]], 1)] * 2, 1)  # [prev, cur]: prior
    return Q


def sample_alleles_ld(e, Q, p0, rng):
    """e: M x 16 emission of the combos given the path; Q: M x 2 x 2 per-haplotype allele chain.
    Forward filter + backward sample the 16-combo chain (4 independent LD Markov chains a priori)."""
    M = e.shape[0]
    T = np.einsum('mab,mcd,mef,mgh->macegbdfh', Q, Q, Q, Q).reshape(M, 16, 16)
    init = np.ones(16)
    for j in range(4):
        init = init * np.where(COMBOS[:, j] == 1, p0, 1 - p0)
    f = np.empty((M, 16))
    x = init * e[0]; f[0] = x / x.sum()
    for m in range(1, M):
        x = (f[m - 1] @ T[m]) * e[m]
        f[m] = x / x.sum()
    ci = np.empty(M, dtype=np.int64)
    ci[-1] = rng.choice(16, p=f[-1])
    for m in range(M - 2, -1, -1):
        w = f[m] * T[m + 1][:, ci[m + 1]]
        ci[m] = rng.choice(16, p=w / w.sum())
    return ci


LDQ = None


def reconstruct_chrom(G, p, cm, K, rng, Q=None):
    """G: K x M dosages on one chromosome. Returns hap (4 x M alleles: P0,P1,M0,M1), obs (4 x M bool),
    path (M), ll."""
    M = G.shape[1]
    Ec, prior = emission_tables(G, p)
    Em = np.einsum('mcs,mc->ms', Ec, prior)
    r = np.zeros(M)
    r[1:] = haldane(np.diff(cm))
    alpha, ll = forward(Em, r, K)
    H = hamming_table(K)
    path = backward_sample(alpha, r, H, K, rng)
    # allele posterior given state
    if Q is None:
        w = Ec[np.arange(M), :, path] * prior  # M x 16
        w /= w.sum(1, keepdims=True)
        cum = np.cumsum(w, 1)
        u = rng.random(M)[:, None]
        ci = np.minimum((cum < u).sum(1), 15)
    else:
        ci = sample_alleles_ld(Ec[np.arange(M), :, path], Q, p[0], rng)
    hap = COMBOS[ci].T.copy()  # 4 x M
    # decode state bits: axis i (v_i) is bit (2K-1-i) in C-order flat index; u_i bit (K-1-i)
    v = np.stack([(path >> (2 * K - 1 - i)) & 1 for i in range(K)])  # K x M
    uu = np.stack([(path >> (K - 1 - i)) & 1 for i in range(K)])
    obs = np.stack([(v == 0).any(0), (v == 1).any(0), (uu == 0).any(0), (uu == 1).any(0)])
    return hap, obs, v, uu, ll


def main():
    K = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    maxs = int(sys.argv[3]) if len(sys.argv) > 3 else 10 ** 9
    mode = sys.argv[4] if len(sys.argv) > 4 else 'indep'
    tag = 'K%d' % K + ('' if mode == 'indep' else '_' + mode)
    rng = np.random.default_rng(seed)
    codes, chrom, cm, fam = load()
    D = dosage_from_codes(codes)  # M x N
    miss = D < 0
    p = np.where(miss, 0, D).sum(1) / (2.0 * (~miss).sum(1))
    p = np.clip(p, 0.01, 0.99)
    Qall = pair_transitions(D, chrom, p) if mode == 'ld' else None
    groups = sibships(fam)
    keys = sorted(groups, key=lambda k: -len(groups[k]))
    out_keys, out_hap, out_obs, out_used, out_members = [], [], [], [], []
    stats = []
    t_all = time.time()
    done = 0
    for key in keys:
        members = groups[key]
        if len(members) < 2:
            continue
        if done >= maxs:
            break
        t0 = time.time()
        kk = min(K, len(members))
        used = sorted(rng.choice(members, kk, replace=False).tolist())
        M = D.shape[0]
        hap = np.zeros((4, M), dtype=np.int8)
        obs = np.zeros((4, M), dtype=bool)
        incons = 0; nonmiss = 0
        for c in np.unique(chrom):
            idx = np.where(chrom == c)[0]
            G = D[idx][:, used].T  # kk x Mc
            h, o, v, uu, ll = reconstruct_chrom(G, p[idx], cm[idx], kk, rng, None if Qall is None else Qall[idx])
            hap[:, idx] = h; obs[:, idx] = o
            # inconsistency of used sibs
            Pv = np.where(v == 0, h[0], h[1]); Mu = np.where(uu == 0, h[2], h[3])
            pred = Pv + Mu
            nm = G >= 0
            incons += ((pred != G) & nm).sum(); nonmiss += nm.sum()
        # held-out sibs consistency
        rest = [j for j in members if j not in used]
        rc, rn = 0, 0
        if rest:
            Gr = D[:, rest].T  # R x M
            possible = np.zeros((len(rest), M), dtype=bool)
            for a in (0, 1):
                for b in (2, 3):
                    possible |= (hap[a] + hap[b])[None] == Gr
            nm = Gr >= 0
            rc = (possible & nm).sum(); rn = nm.sum()
        dt = time.time() - t0
        stats.append((len(members), kk, incons, nonmiss, rc, rn, (~obs).sum(), obs.size, dt))
        out_keys.append('%s|%s' % key); out_hap.append(hap); out_obs.append(obs)
        out_used.append(used); out_members.append(members)
        done += 1
        print('sibship %s k=%d K=%d incons=%.5f rest_cons=%s unobs=%.4f  %.1fs' % (
            key, len(members), kk, incons / max(nonmiss, 1), ('%.5f' % (rc / rn)) if rn else 'NA',
            (~obs).mean(), dt), flush=True)
    st = np.array(stats, dtype=float)
    print('TOTAL sibships=%d time=%.1fs (%.2fs/sibship)' % (len(st), time.time() - t_all, st[:, 8].mean()))
    print('used-sib inconsistency %.5f ; non-used sib consistency %.5f ; unobserved hap cells %.4f' % (
        st[:, 2].sum() / st[:, 3].sum(), st[:, 4].sum() / max(st[:, 5].sum(), 1), st[:, 6].sum() / st[:, 7].sum()))
    np.savez_compressed('recon_%s.npz' % tag, keys=np.array(out_keys), hap=np.array(out_hap),
                        obs=np.array(out_obs), stats=st,
                        used=np.array([','.join(map(str, u)) for u in out_used]),
                        members=np.array([','.join(map(str, u)) for u in out_members]))


if __name__ == '__main__':
    main()
