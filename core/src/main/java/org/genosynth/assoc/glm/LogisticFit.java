package org.genosynth.assoc.glm;

/**
 * Logistic regression of a 0/1 outcome on {@code [Q, g]} for one variant (Q an orthonormal covariate basis including
 * the intercept, g the ALT dosage 0/1/2, code 3 = missing and left out). Newton–Raphson (IRLS) from the covariate-only
 * fit; when it does not converge (separation, e.g. a rare allele seen only in controls) Firth's penalized likelihood
 * (Jeffreys prior: score {@code X'(y - pi + h(1/2 - pi))}, step halving on {@code l + log|I|/2}). The standard error is
 * {@code sqrt((X'WX)^-1)} at the estimate, as plink2 reports for both fits. One instance per thread (workspace).
 */
final class LogisticFit {
    /** Newton iterations before declaring non-convergence (regular fits converge in 4 to 7). */
    static final int MAX_IRLS_ITERATIONS = 25;
    static final int MAX_FIRTH_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-9;
    /** IRLS stops after a relative step below this; the quadratic convergence leaves an error of about its square. */
    private static final double IRLS_TOLERANCE = 1e-6;
    private static final double SCORE_TOLERANCE = 1e-9;
    private static final double MAX_FIRTH_STEP = 5;

    private final int n;
    private final int p;
    private final int k;
    private final double[] y;
    private final double[] info;
    private final double[] factor;
    private final double[] inverse;
    private final double[] score;
    private final double[] delta;
    private final double[] trial;
    private final double[] work;
    private final double[] pi;
    private final double[] eta;
    private final double[] weight;
    private final double[] resid;
    private final double[] weighted;
    private final double[] hat;
    /** Columns of X: the basis columns (shared, read-only) and this fit's genotype column. */
    private final double[][] cols;

    /** Coefficients of the last fit ({@code beta[p]} = genotype). */
    final double[] beta;
    double standardError;
    boolean usedFirth;

    /** The covariate-only fit every variant starts from, and its weights (the first Newton step reuses them). */
    private final NullModel start;

    /** State of the covariate-only fit at its estimate. */
    record NullModel(double[] coefficients, double[] pi, double[] weight, double[] resid, double[] info)
            implements java.io.Serializable {
    }

    /** A workspace for per-variant fits on {@code [Q, g]} starting from {@code start}. */
    LogisticFit(CovariateBasis basis, double[] y, NullModel start) {
        this(basis, y, start, true);
    }

    private LogisticFit(CovariateBasis basis, double[] y, NullModel start, boolean withGenotype) {
        this.n = basis.n;
        this.p = basis.p;
        this.k = withGenotype ? p + 1 : p;
        this.start = start;
        this.y = y;
        info = new double[k * k];
        factor = new double[k * k];
        inverse = new double[k * k];
        score = new double[k];
        delta = new double[k];
        trial = new double[k];
        work = new double[k];
        beta = new double[k];
        pi = new double[n];
        eta = new double[n];
        weight = new double[n];
        resid = new double[n];
        weighted = new double[n];
        hat = new double[n];
        cols = new double[k][];
        double[][] basisColumns = basis.columns();
        System.arraycopy(basisColumns, 0, cols, 0, p);
        if (withGenotype) {
            cols[p] = new double[n];
        }
    }

    /** The covariate-only fit by IRLS (from zero coefficients when it fails to converge). */
    static NullModel nullFit(CovariateBasis basis, double[] y) {
        LogisticFit f = new LogisticFit(basis, y, null, false);
        byte[] noneMissing = new byte[basis.n];
        double[] coef = f.irls(noneMissing, new double[f.k], false) ? f.beta.clone() : new double[f.k];
        f.evaluate(noneMissing, coef, false);
        return new NullModel(coef, f.pi.clone(), f.weight.clone(), f.resid.clone(), f.info.clone());
    }

    /**
     * Fits one variant ({@code g[i]} in 0..3) from {@code start} (length p, covariate-only coefficients). Returns false
     * when neither IRLS nor Firth converges; otherwise {@link #beta} and {@link #standardError} hold the result.
     */
    boolean fit(byte[] g, boolean anyMissing) {
        double[] init = java.util.Arrays.copyOf(start.coefficients(), k);
        usedFirth = false;
        loadGenotypes(g);
        if (irls(g, init, !anyMissing)) {
            return true;
        }
        usedFirth = true;
        return firth(g, init);
    }

    private boolean irls(byte[] g, double[] init, boolean startCached) {
        System.arraycopy(init, 0, beta, 0, k);
        for (int iter = 0; iter < MAX_IRLS_ITERATIONS; iter++) {
            if (iter == 0 && startCached) {
                evaluateAtStart();
            } else {
                evaluate(g, beta, false);
            }
            if (!factorInfo()) {
                return false;
            }
            System.arraycopy(score, 0, delta, 0, k);
            Cholesky.solve(factor, k, delta);
            double maxStep = 0;
            for (int j = 0; j < k; j++) {
                beta[j] += delta[j];
                maxStep = Math.max(maxStep, Math.abs(delta[j]) / (1 + Math.abs(beta[j])));
            }
            if (!(maxStep < 1e3)) {
                return false;
            }
            if (maxStep < IRLS_TOLERANCE) {
                // Newton converges quadratically: the coefficients are now good to about the square of this step
                return finish(g);
            }
        }
        return false;
    }

    /**
     * The first Newton step from the covariate-only estimate (genotype coefficient 0, no missing call): the
     * probabilities are the null model's, so only the genotype row of the information and score is computed.
     */
    private void evaluateAtStart() {
        System.arraycopy(start.pi(), 0, pi, 0, n);
        System.arraycopy(start.weight(), 0, weight, 0, n);
        System.arraycopy(start.resid(), 0, resid, 0, n);
        double[] nullInfo = start.info();
        for (int a = 0; a < p; a++) {
            System.arraycopy(nullInfo, a * p, info, a * k, p);
        }
        double[] gcol = cols[p];
        for (int i = 0; i < n; i++) {
            weighted[i] = gcol[i] * weight[i];
        }
        for (int c = 0; c <= p; c++) {
            double sum = dot(weighted, cols[c], n);
            info[p * k + c] = sum;
            info[c * k + p] = sum;
        }
        for (int a = 0; a < k; a++) {
            score[a] = dot(cols[a], resid, n);
        }
    }

    private boolean firth(byte[] g, double[] init) {
        System.arraycopy(init, 0, beta, 0, k);
        double penalized = evaluate(g, beta, true);
        if (Double.isNaN(penalized)) {
            return false;
        }
        for (int iter = 0; iter < MAX_FIRTH_ITERATIONS; iter++) {
            // evaluate(.., true) left the Firth score in `score` and the factor of I in `factor`
            double maxScore = 0;
            for (int j = 0; j < k; j++) {
                maxScore = Math.max(maxScore, Math.abs(score[j]));
            }
            if (maxScore < SCORE_TOLERANCE) {
                return finish(g);
            }
            System.arraycopy(score, 0, delta, 0, k);
            Cholesky.solve(factor, k, delta);
            double maxAbs = 0;
            for (int j = 0; j < k; j++) {
                maxAbs = Math.max(maxAbs, Math.abs(delta[j]));
            }
            if (maxAbs > MAX_FIRTH_STEP) {
                for (int j = 0; j < k; j++) {
                    delta[j] *= MAX_FIRTH_STEP / maxAbs;
                }
            }
            // step halving: the modified-score update is not an exact Newton step of the penalized likelihood and
            // can cycle near the optimum without it
            boolean improved = false;
            double next = Double.NaN;
            for (int half = 0; half < 40 && !improved; half++) {
                for (int j = 0; j < k; j++) {
                    trial[j] = beta[j] + delta[j];
                }
                next = evaluate(g, trial, true);
                improved = next > penalized;
                if (!improved) {
                    for (int j = 0; j < k; j++) {
                        delta[j] /= 2;
                    }
                }
            }
            if (!improved) {
                // no representable improvement: beta is the optimum to machine precision
                return finish(g);
            }
            System.arraycopy(trial, 0, beta, 0, k);
            penalized = next;
            double maxStep = 0;
            for (int j = 0; j < k; j++) {
                maxStep = Math.max(maxStep, Math.abs(delta[j]) / (1 + Math.abs(beta[j])));
            }
            if (maxStep < TOLERANCE) {
                evaluate(g, beta, true);
                return finish(g);
            }
        }
        return false;
    }

    /** Information at {@link #beta} and the genotype's standard error from its inverse. */
    private boolean finish(byte[] g) {
        evaluate(g, beta, false);
        if (!factorInfo()) {
            return false;
        }
        Cholesky.inverse(factor, k, inverse, work);
        standardError = Math.sqrt(inverse[(k - 1) * k + k - 1]);
        return standardError > 0 && Double.isFinite(standardError);
    }

    private boolean factorInfo() {
        System.arraycopy(info, 0, factor, 0, k * k);
        return Cholesky.cholesky(factor, k);
    }

    /**
     * Computes pi, the information {@code X'WX} and the score at {@code b}. With {@code firth}, returns the penalized
     * log-likelihood {@code l + log|I|/2}, replaces the score by the Firth score and leaves the factor of I in
     * {@link #factor} (NaN when I is singular); without, returns 0 (IRLS needs no likelihood). Column-oriented: every
     * inner loop runs over the samples of one column; a missing call has weight and residual 0.
     */
    private double evaluate(byte[] g, double[] b, boolean firth) {
        double ll = 0;
        java.util.Arrays.fill(eta, 0);
        for (int j = 0; j < k; j++) {
            double bj = b[j];
            double[] col = cols[j];
            for (int i = 0; i < n; i++) {
                eta[i] += col[i] * bj;
            }
        }
        for (int i = 0; i < n; i++) {
            if (g[i] == 3) {
                weight[i] = 0;
                resid[i] = 0;
                pi[i] = 0;
                continue;
            }
            double e = Math.exp(-Math.abs(eta[i]));
            double prob = eta[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
            pi[i] = prob;
            weight[i] = prob * (1 - prob);
            resid[i] = y[i] - prob;
            if (firth) {
                ll += y[i] * eta[i] - (Math.max(eta[i], 0) + Math.log1p(e));
            }
        }
        for (int a = 0; a < k; a++) {
            double[] ca = cols[a];
            for (int i = 0; i < n; i++) {
                weighted[i] = ca[i] * weight[i];
            }
            for (int c = 0; c <= a; c++) {
                double sum = dot(weighted, cols[c], n);
                info[a * k + c] = sum;
                info[c * k + a] = sum;
            }
            score[a] = dot(ca, resid, n);
        }
        if (!firth) {
            return 0;
        }
        if (!factorInfo()) {
            return Double.NaN;
        }
        Cholesky.inverse(factor, k, inverse, work);
        // h_i = w_i x_i' I^-1 x_i, accumulated column by column
        java.util.Arrays.fill(hat, 0);
        for (int a = 0; a < k; a++) {
            java.util.Arrays.fill(weighted, 0);
            for (int c = 0; c < k; c++) {
                double v = inverse[a * k + c];
                double[] cc = cols[c];
                for (int i = 0; i < n; i++) {
                    weighted[i] += v * cc[i];
                }
            }
            double[] ca = cols[a];
            for (int i = 0; i < n; i++) {
                hat[i] += ca[i] * weighted[i];
            }
        }
        for (int i = 0; i < n; i++) {
            resid[i] += weight[i] * hat[i] * (0.5 - pi[i]);
        }
        for (int a = 0; a < k; a++) {
            double[] ca = cols[a];
            double sc = 0;
            for (int i = 0; i < n; i++) {
                sc += ca[i] * resid[i];
            }
            score[a] = sc;
        }
        return ll + 0.5 * Cholesky.logDet(factor, k);
    }

    /** Dot product with four accumulators (breaks the add latency chain; fixed order, so deterministic). */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sets the genotype column for the next fit (missing calls as 0; their weight is 0). */
    private void loadGenotypes(byte[] g) {
        double[] gcol = cols[k - 1];
        for (int i = 0; i < n; i++) {
            gcol[i] = g[i] == 3 ? 0 : g[i];
        }
    }
}
