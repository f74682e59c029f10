package org.genosynth.assoc.lmm;

/**
 * GEMMA's restricted and plain log-likelihoods of the rotated model and their first two derivatives in lambda, for
 * the null model (covariates only) or one SNP. Variables are numbered as in GEMMA: 1..c the covariates, c+1 the SNP,
 * c+2 the phenotype; {@code u[index(a, b)][i]} holds the product of rotated vectors a and b at eigenvalue i. For a
 * given lambda, {@code P[p][ab]} is {@code v_a' P_p v_b} after projecting out the first p variables with weights
 * {@code H^-1} (GEMMA's CalcPab, CalcPPab, CalcPPPab recursions). Not thread-safe: one instance per worker.
 */
final class Likelihood {
    final int n;
    final int c;
    private final int m;
    private final int nIndex;
    private final double[] eval;
    private final double[][] u;
    private final boolean isNull;
    private final LambdaGrid grid;
    private final double[] h;
    private final double[] h2;
    private final double[] h3;
    final double[][] p;
    final double[][] pp;
    final double[][] ppp;
    private double traceH;
    private double traceH2;
    private double logDetH;
    /** Sum over the eliminated variables of log of their {@code Iab} pivots (lambda-free part of |W'HiW|-|W'W|). */
    private double logDetIww;
    private final double[][] gridDev1Cache;
    /** Every product index; those with the SNP; those without it. */
    private final int[] all;
    private final int[] snpIndices;
    private final int[] fixed;
    /** Per grid point, row 0 of P (and PP) at order 1 and 2 as first computed (only the entries in {@link #fixed}
     * are reused: they do not depend on the SNP). */
    private final double[][] gridSums1;
    private final double[][] gridSums2;
    private final double[] uy;
    private final double[][] w;

    /**
     * @param eval     eigenvalues (zeroed below 1e-10)
     * @param utw      rotated covariates, column-major n x c
     * @param uty      rotated phenotype
     * @param isNull   true for the null model (GEMMA's calc_null): x is not part of the model
     * @param grid     the shared grid weights
     */
    Likelihood(double[] eval, double[] utw, double[] uty, int c, boolean isNull, LambdaGrid grid) {
        this.n = eval.length;
        this.c = c;
        this.m = c + 2;
        this.nIndex = m * (m + 1) / 2;
        this.eval = eval;
        this.isNull = isNull;
        this.grid = grid;
        this.u = new double[nIndex][];
        this.uy = uty;
        this.w = new double[c][];
        for (int a = 1; a <= c; a++) {
            w[a - 1] = vector(a, utw, uty);
        }
        for (int a = 1; a <= m; a++) {
            for (int b = a; b <= m; b++) {
                if (a == c + 1 || b == c + 1) {
                    u[index(a, b)] = new double[n];
                    continue;
                }
                double[] va = vector(a, utw, uty);
                double[] vb = vector(b, utw, uty);
                double[] prod = new double[n];
                for (int i = 0; i < n; i++) {
                    prod[i] = va[i] * vb[i];
                }
                u[index(a, b)] = prod;
            }
        }
        h = new double[n];
        h2 = new double[n];
        h3 = new double[n];
        p = new double[m][nIndex];
        pp = new double[m][nIndex];
        ppp = new double[m][nIndex];
        gridDev1Cache = new double[2][grid.lambdas.length];
        gridSums1 = new double[grid.lambdas.length][];
        gridSums2 = new double[grid.lambdas.length][];
        all = java.util.stream.IntStream.range(0, nIndex).toArray();
        boolean[] withSnp = new boolean[nIndex];
        for (int b = 1; b <= m; b++) {
            withSnp[index(c + 1, b)] = true;
        }
        snpIndices = java.util.stream.IntStream.range(0, nIndex).filter(i -> withSnp[i]).toArray();
        fixed = java.util.stream.IntStream.range(0, nIndex).filter(i -> !withSnp[i]).toArray();
        java.util.Arrays.fill(gridDev1Cache[0], Double.NaN);
        java.util.Arrays.fill(gridDev1Cache[1], Double.NaN);
        updateIww();
    }

    private double[] vector(int a, double[] utw, double[] uty) {
        if (a == c + 2) {
            return uty;
        }
        double[] v = new double[n];
        System.arraycopy(utw, (a - 1) * n, v, 0, n);
        return v;
    }

    /** GEMMA's GetabIndex (1-based variables, symmetric). */
    int index(int a, int b) {
        int l = Math.min(a, b);
        int hi = Math.max(a, b);
        return (2 * m - l + 2) * (l - 1) / 2 + hi - l;
    }

    /** Sets the rotated SNP {@code utx[offset .. offset+n)} (GEMMA's CalcUab for x). */
    void setSnp(double[] utx, int offset) {
        for (int b = 1; b <= m; b++) {
            double[] dst = u[index(c + 1, b)];
            if (b == c + 1) {
                for (int i = 0; i < n; i++) {
                    double x = utx[offset + i];
                    dst[i] = x * x;
                }
            } else {
                double[] src = b == c + 2 ? uy : w[b - 1];
                for (int i = 0; i < n; i++) {
                    dst[i] = utx[offset + i] * src[i];
                }
            }
        }
        updateIww();
        java.util.Arrays.fill(gridDev1Cache[0], Double.NaN);
        java.util.Arrays.fill(gridDev1Cache[1], Double.NaN);
    }

    /** The lambda-free part of REML's log-determinant: the Iab recursion (weights 1) pivots. */
    private void updateIww() {
        double[][] iab = new double[m][nIndex];
        for (int idx = 0; idx < nIndex; idx++) {
            double s = 0;
            double[] v = u[idx];
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            iab[0][idx] = s;
        }
        recurse(iab, null, null);
        int ncTotal = isNull ? c : c + 1;
        double sum = 0;
        for (int i = 0; i < ncTotal; i++) {
            sum += Math.log(iab[i][index(i + 1, i + 1)]);
        }
        logDetIww = sum;
    }

    /** Row 0 of P (and PP, PPP up to {@code order}) at lambda, then the recursions. */
    private void evaluate(double l, int order, boolean needLogDet) {
        double t1 = 0;
        double t2 = 0;
        double ld = 0;
        for (int i = 0; i < n; i++) {
            double v = eval[i] * l + 1.0;
            double hi = 1.0 / v;
            h[i] = hi;
            double hh = hi * hi;
            h2[i] = hh;
            h3[i] = hh * hi;
            t1 += hi;
            t2 += hh;
        }
        if (needLogDet) {
            for (int i = 0; i < n; i++) {
                ld += Math.log(Math.abs(eval[i] * l + 1.0));
            }
        }
        traceH = t1;
        traceH2 = t2;
        logDetH = ld;
        rowZero(h, h2, h3, order, all);
        recurse(p, order >= 2 ? pp : null, order >= 3 ? ppp : null);
    }

    /**
     * At grid point k: the sums of the products without the SNP are the same for every SNP, so they are computed
     * once per instance (per block of SNPs) and order, and only the SNP's products are summed again.
     */
    private void evaluateGrid(int k, int order) {
        traceH = grid.traceH[k];
        traceH2 = grid.traceH2[k];
        logDetH = grid.logDetH[k];
        double[][] cache = order == 1 ? gridSums1 : gridSums2;
        if (cache[k] == null) {
            rowZero(grid.h[k], grid.h2[k], null, order, all);
            double[] saved = new double[2 * nIndex];
            System.arraycopy(p[0], 0, saved, 0, nIndex);
            System.arraycopy(pp[0], 0, saved, nIndex, nIndex);
            cache[k] = saved;
        } else {
            double[] saved = cache[k];
            for (int idx : fixed) {
                p[0][idx] = saved[idx];
                pp[0][idx] = saved[nIndex + idx];
            }
            rowZero(grid.h[k], grid.h2[k], null, order, snpIndices);
        }
        recurse(p, order >= 2 ? pp : null, null);
    }

    /**
     * Row 0 of P (and PP, PPP): the weighted sums of every product vector. Two product vectors per pass over the
     * eigenvalues, each sum still accumulated in index order (the same doubles as one vector per pass), for twice the
     * independent additions in flight.
     */
    private void rowZero(double[] w1, double[] w2, double[] w3, int order, int[] which) {
        int k = 0;
        for (; k + 1 < which.length; k += 2) {
            int idx = which[k];
            int idy = which[k + 1];
            double[] v = u[idx];
            double[] y = u[idy];
            if (order == 1) {
                double a = 0;
                double a2 = 0;
                double e = 0;
                double e2 = 0;
                int i = 0;
                for (; i + 1 < n; i += 2) {
                    double h0 = w1[i];
                    double h1 = w1[i + 1];
                    a += h0 * v[i];
                    a2 += h1 * v[i + 1];
                    e += h0 * y[i];
                    e2 += h1 * y[i + 1];
                }
                if (i < n) {
                    a += w1[i] * v[i];
                    e += w1[i] * y[i];
                }
                p[0][idx] = a + a2;
                p[0][idy] = e + e2;
            } else if (order == 2) {
                double a = 0;
                double b = 0;
                double e = 0;
                double f = 0;
                for (int i = 0; i < n; i++) {
                    double x = v[i];
                    double z = y[i];
                    double h1 = w1[i];
                    double h2 = w2[i];
                    a += h1 * x;
                    b += h2 * x;
                    e += h1 * z;
                    f += h2 * z;
                }
                p[0][idx] = a;
                pp[0][idx] = b;
                p[0][idy] = e;
                pp[0][idy] = f;
            } else {
                double a = 0;
                double b = 0;
                double d = 0;
                double e = 0;
                double f = 0;
                double g = 0;
                for (int i = 0; i < n; i++) {
                    double x = v[i];
                    double z = y[i];
                    double h1 = w1[i];
                    double h2 = w2[i];
                    double h3 = w3[i];
                    a += h1 * x;
                    b += h2 * x;
                    d += h3 * x;
                    e += h1 * z;
                    f += h2 * z;
                    g += h3 * z;
                }
                p[0][idx] = a;
                pp[0][idx] = b;
                ppp[0][idx] = d;
                p[0][idy] = e;
                pp[0][idy] = f;
                ppp[0][idy] = g;
            }
        }
        for (; k < which.length; k++) {
            int idx = which[k];
            double[] v = u[idx];
            if (order == 1) {
                double a = 0;
                double a2 = 0;
                int i = 0;
                for (; i + 1 < n; i += 2) {
                    a += w1[i] * v[i];
                    a2 += w1[i + 1] * v[i + 1];
                }
                if (i < n) {
                    a += w1[i] * v[i];
                }
                p[0][idx] = a + a2;
            } else if (order == 2) {
                double a = 0;
                double b = 0;
                for (int i = 0; i < n; i++) {
                    double x = v[i];
                    a += w1[i] * x;
                    b += w2[i] * x;
                }
                p[0][idx] = a;
                pp[0][idx] = b;
            } else {
                double a = 0;
                double b = 0;
                double d = 0;
                for (int i = 0; i < n; i++) {
                    double x = v[i];
                    a += w1[i] * x;
                    b += w2[i] * x;
                    d += w3[i] * x;
                }
                p[0][idx] = a;
                pp[0][idx] = b;
                ppp[0][idx] = d;
            }
        }
    }

    /** GEMMA's CalcPab/CalcPPab/CalcPPPab rows 1..c+1 from row 0. */
    private void recurse(double[][] pa, double[][] p2, double[][] p3) {
        for (int q = 1; q <= c + 1; q++) {
            int ww = index(q, q);
            double psWw = pa[q - 1][ww];
            for (int a = q + 1; a <= m; a++) {
                int aw = index(a, q);
                for (int b = a; b <= m; b++) {
                    int ab = index(a, b);
                    int bw = index(b, q);
                    double psAb = pa[q - 1][ab];
                    double psAw = pa[q - 1][aw];
                    double psBw = pa[q - 1][bw];
                    pa[q][ab] = psWw != 0 ? psAb - psAw * psBw / psWw : psAb;
                    if (p2 == null) {
                        continue;
                    }
                    double ps2Ab = p2[q - 1][ab];
                    double ps2Aw = p2[q - 1][aw];
                    double ps2Bw = p2[q - 1][bw];
                    double ps2Ww = p2[q - 1][ww];
                    if (psWw != 0) {
                        double v = ps2Ab + psAw * psBw * ps2Ww / (psWw * psWw);
                        v -= (psAw * ps2Bw + psBw * ps2Aw) / psWw;
                        p2[q][ab] = v;
                    } else {
                        p2[q][ab] = ps2Ab;
                    }
                    if (p3 == null) {
                        continue;
                    }
                    double ps3Ab = p3[q - 1][ab];
                    double ps3Aw = p3[q - 1][aw];
                    double ps3Bw = p3[q - 1][bw];
                    double ps3Ww = p3[q - 1][ww];
                    if (psWw != 0) {
                        double v = ps3Ab - psAw * psBw * ps2Ww * ps2Ww / (psWw * psWw * psWw);
                        v -= (psAw * ps3Bw + psBw * ps3Aw + ps2Aw * ps2Bw) / psWw;
                        v += (psAw * ps2Bw * ps2Ww + psBw * ps2Aw * ps2Ww + psAw * psBw * ps3Ww) / (psWw * psWw);
                        p3[q][ab] = v;
                    } else {
                        p3[q][ab] = ps3Ab;
                    }
                }
            }
        }
    }

    private int ncTotal() {
        return isNull ? c : c + 1;
    }

    private double df() {
        return n - (double) ncTotal();
    }

    // ---- values ----

    /** LogRL_f (reml) or LogL_f at lambda. */
    double value(boolean reml, double l) {
        evaluate(l, 1, true);
        return valueFromState(reml);
    }

    /** The value at grid point {@code k} (used for lmin and the exact lmax). */
    double valueAtGrid(boolean reml, int k) {
        evaluateGrid(k, 1);
        return valueFromState(reml);
    }

    private double valueFromState(boolean reml) {
        int yy = index(m, m);
        int nc = ncTotal();
        if (!reml) {
            double pyy = p[nc][yy];
            double cst = 0.5 * n * (Math.log(n) - Math.log(2 * Math.PI) - 1.0);
            return cst - 0.5 * logDetH - 0.5 * n * Math.log(pyy);
        }
        double df = df();
        double logDetHiw = -logDetIww;
        for (int i = 0; i < nc; i++) {
            logDetHiw += Math.log(p[i][index(i + 1, i + 1)]);
        }
        double pyy = p[nc][yy];
        if (pyy < 0.00000001) {
            pyy = 0.00000001;
        }
        double cst = 0.5 * df * (Math.log(df) - Math.log(2 * Math.PI) - 1.0);
        return cst - 0.5 * logDetH - 0.5 * logDetHiw - 0.5 * df * Math.log(pyy);
    }

    /** First derivative at lambda. */
    double dev1(boolean reml, double l) {
        evaluate(l, 2, false);
        return dev1FromState(reml, l);
    }

    /** First derivative at grid point k (cached per SNP). */
    double gridDev1(boolean reml, int k) {
        double[] cache = gridDev1Cache[reml ? 1 : 0];
        if (Double.isNaN(cache[k])) {
            evaluateGrid(k, 2);
            cache[k] = dev1FromState(reml, grid.lambdas[k]);
        }
        return cache[k];
    }

    private double dev1FromState(boolean reml, double l) {
        int yy = index(m, m);
        int nc = ncTotal();
        double pyy = p[nc][yy];
        double ppyy = pp[nc][yy];
        double yPKPy = (pyy - ppyy) / l;
        if (!reml) {
            double traceHiK = (n - traceH) / l;
            return -0.5 * traceHiK + 0.5 * n * yPKPy / pyy;
        }
        double df = df();
        double traceP = traceH;
        for (int i = 0; i < nc; i++) {
            int ww = index(i + 1, i + 1);
            traceP -= pp[i][ww] / p[i][ww];
        }
        double tracePK = (df - traceP) / l;
        return -0.5 * tracePK + 0.5 * df * yPKPy / pyy;
    }

    /** First and second derivatives at lambda into {@code out[0..1]}. */
    void dev12(boolean reml, double l, double[] out) {
        evaluate(l, 3, false);
        int yy = index(m, m);
        int nc = ncTotal();
        double pyy = p[nc][yy];
        double ppyy = pp[nc][yy];
        double pppyy = ppp[nc][yy];
        double yPKPy = (pyy - ppyy) / l;
        double yPKPKPy = (pyy + pppyy - 2.0 * ppyy) / (l * l);
        if (!reml) {
            double traceHiK = (n - traceH) / l;
            double traceHiKHiK = (n + traceH2 - 2 * traceH) / (l * l);
            out[0] = -0.5 * traceHiK + 0.5 * n * yPKPy / pyy;
            out[1] = 0.5 * traceHiKHiK - 0.5 * n * (2.0 * yPKPKPy * pyy - yPKPy * yPKPy) / (pyy * pyy);
            return;
        }
        double df = df();
        double traceP = traceH;
        double tracePP = traceH2;
        for (int i = 0; i < nc; i++) {
            int ww = index(i + 1, i + 1);
            double psWw = p[i][ww];
            double ps2Ww = pp[i][ww];
            double ps3Ww = ppp[i][ww];
            traceP -= ps2Ww / psWw;
            tracePP += ps2Ww * ps2Ww / (psWw * psWw) - 2.0 * ps3Ww / psWw;
        }
        double tracePK = (df - traceP) / l;
        double tracePKPK = (df + tracePP - 2.0 * traceP) / (l * l);
        out[0] = -0.5 * tracePK + 0.5 * df * yPKPy / pyy;
        out[1] = 0.5 * tracePKPK - 0.5 * df * (2.0 * yPKPKPy * pyy - yPKPy * yPKPy) / (pyy * pyy);
    }

    /** Second derivative of the restricted likelihood (for the PVE's standard error). */
    double remlDev2(double l) {
        double[] out = new double[2];
        dev12(true, l, out);
        return out[1];
    }

    /** Projections at lambda for the Wald and score tests: {P_yy, P_xx, P_xy, Px_yy}. */
    double[] testQuantities(double l) {
        evaluate(l, 1, false);
        int yy = index(m, m);
        int xx = index(c + 1, c + 1);
        int xy = index(c + 2, c + 1);
        return new double[] {p[c][yy], p[c][xx], p[c][xy], p[c + 1][yy]};
    }

    /** P_yy with the covariates projected out at lambda (for ve). */
    double residualPyy(double l) {
        evaluate(l, 1, false);
        return p[c][index(m, m)];
    }
}
