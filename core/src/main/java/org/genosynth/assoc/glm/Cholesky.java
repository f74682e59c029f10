package org.genosynth.assoc.glm;

/** Small dense symmetric positive-definite algebra on row-major {@code k x k} arrays (k = covariates + 2). */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * In-place Cholesky factorization {@code a = L L'} (lower triangle of {@code a} becomes L). Returns false when the
     * matrix is not numerically positive definite (a pivot below {@code 1e-12} times its diagonal entry).
     */
    static boolean cholesky(double[] a, int k) {
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            double orig = d;
            for (int t = 0; t < j; t++) {
                d -= a[j * k + t] * a[j * k + t];
            }
            if (!(d > 1e-12 * Math.abs(orig)) || !(d > 0)) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * k + j] = l;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * k + j];
                for (int t = 0; t < j; t++) {
                    s -= a[i * k + t] * a[j * k + t];
                }
                a[i * k + j] = s / l;
            }
        }
        return true;
    }

    /** Solves {@code L L' x = b} in place in {@code b} with the factor from {@link #cholesky}. */
    static void solve(double[] l, int k, double[] b) {
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int t = 0; t < i; t++) {
                s -= l[i * k + t] * b[t];
            }
            b[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int t = i + 1; t < k; t++) {
                s -= l[t * k + i] * b[t];
            }
            b[i] = s / l[i * k + i];
        }
    }

    /** The full inverse from the Cholesky factor, into {@code out} (row-major, symmetric). */
    static void inverse(double[] l, int k, double[] out, double[] work) {
        for (int c = 0; c < k; c++) {
            java.util.Arrays.fill(work, 0, k, 0);
            work[c] = 1;
            solve(l, k, work);
            for (int r = 0; r < k; r++) {
                out[r * k + c] = work[r];
            }
        }
    }

    /** log det of the matrix whose Cholesky factor is {@code l}. */
    static double logDet(double[] l, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += Math.log(l[i * k + i]);
        }
        return 2 * s;
    }
}
