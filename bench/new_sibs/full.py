"""K-sib Lander-Green HMM + soft sequential extension with ALL other training sibs + LD-chain allele sampling.

python3 full.py K [seed] [maxsibships]  -> recon_K{K}_full.npz
Per sibship, per chromosome:
 1. K-sib HMM (as recon.py): sample one inheritance path; per-SNP posterior over the 16 parental allele
    combos given that path (post, M x 16).
 2. Each other training sib (random order): 4-state (v,u) HMM with emission sum_c post_m(c) P(g|c,v,u)
    (soft: keeps phase ambiguity and unobserved haplotypes uncertain); forward filter, backward sample a
    path; update post_m(c) *= P(g_m | c, v_m, u_m).
 3. Sample the parental alleles jointly along the chromosome from post/prior x adjacent-SNP LD chain.
"""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))  # bench/bedio.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sys, time
import numpy as np
from recon import (load, dosage_from_codes, sibships, emission_tables, forward, backward_sample,
                   hamming_table, haldane, pair_transitions, sample_alleles_ld, COMBOS, EPS)

K = int(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
maxs = int(sys.argv[3]) if len(sys.argv) > 3 else 10 ** 9
rng = np.random.default_rng(seed)
codes, chrom, cm, fam = load()
D = dosage_from_codes(codes)
miss = D < 0
p = np.clip(np.where(miss, 0, D).sum(1) / (2.0 * (~miss).sum(1)), 0.01, 0.99)
Qall = pair_transitions(D, chrom, p)
Mtot = D.shape[0]
# L[g, c, s]: P(genotype g | combo c, state s=2v+u); g=3 means missing
L = np.ones((4, 16, 4))
for s in range(4):
    v, u = s >> 1, s & 1
    dos = COMBOS[:, v] + COMBOS[:, 2 + u]
    for g in range(3):
        L[g, :, s] = np.where(dos == g, 1 - EPS, EPS / 2)
HD4 = np.array([[bin(a ^ b).count('1') for b in range(4)] for a in range(4)])


IBD = 'ibd' in sys.argv[4:]
SAME_P = (COMBOS[:, 0] == COMBOS[:, 1]).astype(float)
SAME_M = (COMBOS[:, 2] == COMBOS[:, 3]).astype(float)
IND = np.stack([np.ones(16), SAME_M, SAME_P, SAME_P * SAME_M], 1)  # 16 x 4 over z=(zP,zM)


def ibd_prior(pm):
    """prior over combos for z in 0..3 (bit1 = father IBD, bit0 = mother IBD): M x 16 x 4."""
    M = len(pm)
    al = np.where(COMBOS[None] == 1, pm[:, None, None], 1 - pm[:, None, None])  # M x 16 x 4 alleles
    out = np.empty((M, 16, 4))
    for z in range(4):
        zp, zm = z >> 1, z & 1
        pp = al[:, :, 0] * (SAME_P[None] if zp else al[:, :, 1])
        mm = al[:, :, 2] * (SAME_M[None] if zm else al[:, :, 3])
        out[:, :, z] = pp * mm
    return out


def forward_ibd(Em, r, q, K):
    """Em: M x 4 x S. state (z, s); z bits flip with q, s bits with r."""
    M, Z, S = Em.shape
    alpha = np.empty((M, Z, S))
    a = Em[0] / (Z * S); a /= a.sum(); alpha[0] = a
    shp = (2, 2) + (2,) * (2 * K)
    for m in range(1, M):
        t = a.reshape(shp)
        for ax in range(2):
            t = (1 - q[m]) * t + q[m] * np.flip(t, axis=ax)
        for ax in range(2, 2 + 2 * K):
            t = (1 - r[m]) * t + r[m] * np.flip(t, axis=ax)
        a = t.reshape(Z, S) * Em[m]
        a /= a.sum(); alpha[m] = a
    return alpha


def backward_ibd(alpha, r, q, H, K):
    M, Z, S = alpha.shape
    zs = np.empty(M, dtype=np.int64); ss = np.empty(M, dtype=np.int64)
    flat = alpha[-1].ravel(); k = rng.choice(Z * S, p=flat / flat.sum()); zs[-1], ss[-1] = divmod(k, S)
    HZ = np.array([[bin(a ^ b).count('1') for b in range(4)] for a in range(4)])
    nb = 2 * K
    for m in range(M - 2, -1, -1):
        rr, qq = r[m + 1], q[m + 1]
        h = H[ss[m + 1]]; hz = HZ[zs[m + 1]]
        w = alpha[m] * ((qq ** hz) * ((1 - qq) ** (2 - hz)))[:, None] * ((rr ** h) * ((1 - rr) ** (nb - h)))[None]
        flat = w.ravel(); k = rng.choice(Z * S, p=flat / flat.sum()); zs[m], ss[m] = divmod(k, S)
    return zs, ss


RELABEL = 'relabel' in sys.argv[4:]
nflip = [0]


def relabel_parity(V):
    """V: n_sibs x M labels of one parent. Between consecutive informative SNPs (both labels present),
    flip the labelling of everything after if more than half the sibs changed label; returns the flip
    parity per SNP (True = swap haplotypes 0/1 there)."""
    n, M = V.shape
    inf = np.where(V.any(0) & (~V.astype(bool)).any(0))[0]
    par = np.zeros(M, bool)
    cur = False; prev = None
    flipat = []
    for m in inf:
        if prev is not None:
            hd = int((V[:, m] != V[:, prev]).sum())
            if 2 * hd > n:
                flipat.append(m)
        prev = m
    if not flipat:
        return par
    marks = np.zeros(M, int); marks[flipat] = 1
    return (np.cumsum(marks) % 2).astype(bool)


def ext_path(E, r):
    M = E.shape[0]
    f = np.empty((M, 4))
    x = np.full(4, 0.25) * E[0]; f[0] = x / x.sum()
    for m in range(1, M):
        rr = r[m]
        y = f[m - 1].reshape(2, 2)
        y = (1 - rr) * y + rr * y[::-1, :]
        y = (1 - rr) * y + rr * y[:, ::-1]
        x = y.reshape(4) * E[m]
        f[m] = x / x.sum()
    st = np.empty(M, dtype=np.int64)
    U = rng.random(M)
    cw = np.cumsum(f[-1]); st[-1] = min(int(np.searchsorted(cw, U[-1] * cw[-1], side='right')), 3)
    for m in range(M - 2, -1, -1):
        rr = r[m + 1]; h = HD4[st[m + 1]]
        w = f[m] * rr ** h * (1 - rr) ** (2 - h)
        cw = np.cumsum(w)
        st[m] = min(int(np.searchsorted(cw, U[m] * cw[-1], side='right')), 3)
    return st


groups = sibships(fam)
keys = sorted(groups, key=lambda k: -len(groups[k]))
out_keys, out_hap, out_obs, out_used, out_members, stats, out_cnt = [], [], [], [], [], [], []
t_all = time.time()
for key in keys:
    members = groups[key]
    if len(members) < 2 or len(out_keys) >= maxs:
        continue
    t0 = time.time()
    kk = min(K, len(members))
    used = sorted(rng.choice(members, kk, replace=False).tolist())
    rest = [j for j in members if j not in used]
    rng.shuffle(rest)
    hap = np.zeros((4, Mtot), dtype=np.int8); obs = np.zeros((4, Mtot), dtype=bool); cnt = np.zeros((4, Mtot), dtype=np.int16)
    inc_used = inc_rest = n_used = n_rest = 0
    cons_rest = 0
    for c in np.unique(chrom):
        idx = np.where(chrom == c)[0]; M = len(idx)
        G = D[idx][:, used].T
        Ec, prior = emission_tables(G, p[idx])
        r = np.zeros(M); r[1:] = haldane(np.diff(cm[idx]))
        if IBD:
            pz = ibd_prior(p[idx])
            Em = np.einsum('mcs,mcz->mzs', Ec, pz)
            qz = np.zeros(M); qz[1:] = haldane(5 * np.diff(cm[idx]))
            alpha = forward_ibd(Em, r, qz, kk)
            zpath, path = backward_ibd(alpha, r, qz, hamming_table(kk), kk)
            prior = pz[np.arange(M), :, zpath]
            ind = IND[:, zpath].T  # M x 16
        else:
            Em = np.einsum('mcs,mc->ms', Ec, prior)
            alpha, _ = forward(Em, r, kk)
            path = backward_sample(alpha, r, hamming_table(kk), kk, rng)
            ind = np.ones((M, 16))
        v = np.stack([(path >> (2 * kk - 1 - i)) & 1 for i in range(kk)])
        uu = np.stack([(path >> (kk - 1 - i)) & 1 for i in range(kk)])
        lik = Ec[np.arange(M), :, path] * ind  # M x 16 likelihood of the used sibs given the path (x IBD indicator)
        post = lik * prior; post /= post.sum(1, keepdims=True)
        o = np.stack([(v == 0).any(0), (v == 1).any(0), (uu == 0).any(0), (uu == 1).any(0)])
        n4 = np.stack([(v == 0).sum(0), (v == 1).sum(0), (uu == 0).sum(0), (uu == 1).sum(0)]).astype(np.int16)
        # sanity check (before extension): rest sibs' genotype consistent with some combination of the
        # alleles sampled independently per SNP from the K-sib posterior
        cum = np.cumsum(post, 1); ci0 = np.minimum((cum < rng.random(M)[:, None]).sum(1), 15)
        h0 = COMBOS[ci0].T
        paths = []
        for j in rest:
            g = D[idx, j]
            gi = np.where(g < 0, 3, g)
            possible = np.zeros(M, bool)
            for a in (0, 1):
                for b in (2, 3):
                    possible |= (h0[a] + h0[b]) == g
            cons_rest += (possible & (g >= 0)).sum()
            Lg = L[gi]  # M x 16 x 4
            E = np.einsum('mc,mcs->ms', post, Lg)
            st = ext_path(E, r)
            paths.append((g, st))
            post = post * Lg[np.arange(M), :, st]; post /= post.sum(1, keepdims=True)
            lik = lik * Lg[np.arange(M), :, st]
            sv, su = st >> 1, st & 1
            o[sv, np.arange(M)] = True; o[2 + su, np.arange(M)] = True
            n4[sv, np.arange(M)] += 1; n4[2 + su, np.arange(M)] += 1
        if RELABEL:
            V = np.vstack([v] + [(st >> 1)[None] for _, st in paths])
            U = np.vstack([uu] + [(st & 1)[None] for _, st in paths])
            fP = relabel_parity(V); fM = relabel_parity(U)
            permP = np.array([(c & 0b0011) | ((c >> 3) & 1) << 2 | ((c >> 2) & 1) << 3 for c in range(16)])
            permM = np.array([(c & 0b1100) | ((c >> 1) & 1) | (c & 1) << 1 for c in range(16)])
            lik = np.where(fP[:, None], lik[:, permP], lik)
            lik = np.where(fM[:, None], lik[:, permM], lik)
            o = np.where(fP[None], o[[1, 0, 2, 3]], o); o = np.where(fM[None], o[[0, 1, 3, 2]], o)
            n4 = np.where(fP[None], n4[[1, 0, 2, 3]], n4); n4 = np.where(fM[None], n4[[0, 1, 3, 2]], n4)
            v = np.where(fP[None], 1 - v, v); uu = np.where(fM[None], 1 - uu, uu)
            paths = [(g, np.where(fP, 2 * (1 - (st >> 1)), 2 * (st >> 1)) + np.where(fM, 1 - (st & 1), st & 1))
                     for g, st in paths]
            nflip[0] += int((np.diff(fP.astype(int)) != 0).sum() + (np.diff(fM.astype(int)) != 0).sum())
        ci = sample_alleles_ld(lik, Qall[idx], p[idx][0], rng)
        h = COMBOS[ci].T
        hap[:, idx] = h; obs[:, idx] = o; cnt[:, idx] = n4
        pred = np.where(v == 0, h[0], h[1]) + np.where(uu == 0, h[2], h[3])
        inc_used += ((pred != G) & (G >= 0)).sum(); n_used += (G >= 0).sum()
        for g, st in paths:
            pr = h[st >> 1, np.arange(M)] + h[2 + (st & 1), np.arange(M)]
            inc_rest += ((pr != g) & (g >= 0)).sum(); n_rest += (g >= 0).sum()
    dt = time.time() - t0
    stats.append((len(members), kk, inc_used, n_used, inc_rest, n_rest, cons_rest, (~obs).sum(), obs.size, dt))
    out_keys.append('%s|%s' % key); out_hap.append(hap); out_obs.append(obs); out_cnt.append(cnt)
    out_used.append(','.join(map(str, sorted(members)))); out_members.append(','.join(map(str, members)))
    print('sibship %s k=%d K=%d incons_used=%.5f incons_ext=%s rest_cons_preext=%s unobs=%.4f %.1fs' % (
        key, len(members), kk, inc_used / max(n_used, 1),
        ('%.5f' % (inc_rest / n_rest)) if n_rest else 'NA', ('%.5f' % (cons_rest / n_rest)) if n_rest else 'NA',
        (~obs).mean(), dt), flush=True)
st = np.array(stats, dtype=float)
print('relabel flips', nflip[0]); print('TOTAL sibships=%d time=%.1fs (%.2fs/sibship)' % (len(st), time.time() - t_all, st[:, 9].mean()))
print('K-sib inconsistency %.5f ; extended-sib inconsistency %.5f ; pre-extension rest-sib consistency %.5f ; unobserved cells %.4f' % (
    st[:, 2].sum() / st[:, 3].sum(), st[:, 4].sum() / max(st[:, 5].sum(), 1), st[:, 6].sum() / max(st[:, 5].sum(), 1),
    st[:, 7].sum() / st[:, 8].sum()))
np.savez_compressed('recon_K%d_full%s%s%s.npz' % (K, '' if seed == 1 else '_s%d' % seed, '_ibd' if IBD else '', '_rl' if RELABEL else ''), keys=np.array(out_keys), hap=np.array(out_hap), obs=np.array(out_obs), cnt=np.array(out_cnt),
                    stats=st, used=np.array(out_used), members=np.array(out_members))
