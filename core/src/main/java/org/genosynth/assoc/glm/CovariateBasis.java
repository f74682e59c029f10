package org.genosynth.assoc.glm;

import java.util.List;
import org.genosynth.io.InputException;

/**
 * An orthonormal basis {@code Q} ({@code n x p}, row-major) of the intercept and the covariates, by modified
 * Gram–Schmidt with one re-orthogonalization pass: regressing on {@code Q} is regressing on {@code [1, C]}, and the
 * genotype coefficient, its standard error and test do not depend on which basis of the covariate space is used.
 */
final class CovariateBasis implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final int n;
    final int p;
    /** {@code q[i * p + j]}. */
    final double[] q;

    private final double[][] columns;

    private CovariateBasis(int n, int p, double[] q, double[][] columns) {
        this.n = n;
        this.p = p;
        this.q = q;
        this.columns = columns;
    }

    /** The basis as columns ({@code columns()[j][i]}; shared, read-only). */
    double[][] columns() {
        return columns;
    }

    /** The basis of {@code [1, covariates]}; a constant or collinear covariate is a user error. */
    static CovariateBasis of(double[][] covariates, List<String> names) {
        int n = covariates.length == 0 ? 0 : covariates[0].length;
        return of(n, covariates, names);
    }

    static CovariateBasis of(int n, double[][] covariates, List<String> names) {
        int p = covariates.length + 1;
        double[][] cols = new double[p][];
        cols[0] = new double[n];
        java.util.Arrays.fill(cols[0], 1);
        for (int c = 0; c < covariates.length; c++) {
            cols[c + 1] = covariates[c].clone();
        }
        for (int j = 0; j < p; j++) {
            double[] v = cols[j];
            double before = norm(v);
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < j; t++) {
                    double d = dot(cols[t], v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= d * cols[t][i];
                    }
                }
            }
            double after = norm(v);
            if (!(after > 1e-9 * before) || after == 0) {
                throw InputException.usage("covariate '" + names.get(j - 1) + "' is constant or a linear combination "
                        + "of the other covariates among the samples used; drop it");
            }
            for (int i = 0; i < n; i++) {
                v[i] /= after;
            }
        }
        double[] q = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] = cols[j][i];
            }
        }
        return new CovariateBasis(n, p, q, cols);
    }

    /** {@code y - Q Q' y}. */
    double[] residualize(double[] y) {
        double[] coef = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                coef[j] += q[i * p + j] * y[i];
            }
        }
        double[] r = y.clone();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += q[i * p + j] * coef[j];
            }
            r[i] -= s;
        }
        // a second pass removes what rounding left in the covariate space
        if (p > 0) {
            java.util.Arrays.fill(coef, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    coef[j] += q[i * p + j] * r[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += q[i * p + j] * coef[j];
                }
                r[i] -= s;
            }
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
