package org.genosynth.assoc.loco;

import org.genosynth.io.InputException;
import java.util.List;

/**
 * An orthonormal basis {@code Q} of the intercept and the covariates ({@code n x c}, column-major), by modified
 * Gram–Schmidt with one re-orthogonalization pass, and the projection {@code P = I - Q Q'} off them.
 */
final class Covariates {
    private final int n;
    private final int c;
    private final double[] q;

    private Covariates(int n, int c, double[] q) {
        this.n = n;
        this.c = c;
        this.q = q;
    }

    /** The basis of {@code [1, covariates]} ({@code covariates[j][row]}); a collinear covariate is a user error. */
    static Covariates of(int n, double[][] covariates, List<String> names) {
        int c = covariates.length + 1;
        double[] q = new double[n * c];
        java.util.Arrays.fill(q, 0, n, 1.0);
        for (int j = 0; j < covariates.length; j++) {
            System.arraycopy(covariates[j], 0, q, (j + 1) * n, n);
        }
        for (int j = 0; j < c; j++) {
            double before = norm(q, j * n, n);
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < j; t++) {
                    double d = dot(q, t * n, q, j * n, n);
                    for (int i = 0; i < n; i++) {
                        q[j * n + i] -= d * q[t * n + i];
                    }
                }
            }
            double after = norm(q, j * n, n);
            if (!(after > 1e-9 * before) || after == 0) {
                throw InputException.usage("covariate '" + names.get(j - 1) + "' is constant or a linear combination "
                        + "of the other covariates among the samples used; drop it");
            }
            for (int i = 0; i < n; i++) {
                q[j * n + i] /= after;
            }
        }
        return new Covariates(n, c, q);
    }

    /** Columns of {@code Q} (the intercept included). */
    int count() {
        return c;
    }

    /** {@code Q}, column-major (shared, read-only). */
    double[] basis() {
        return q;
    }

    /** Replaces {@code v[offset .. offset + n)} by its projection off the covariates. */
    void project(double[] v, int offset) {
        for (int j = 0; j < c; j++) {
            double d = dot(q, j * n, v, offset, n);
            for (int i = 0; i < n; i++) {
                v[offset + i] -= d * q[j * n + i];
            }
        }
    }

    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    private static double norm(double[] a, int off, int len) {
        return Math.sqrt(dot(a, off, a, off, len));
    }
}
