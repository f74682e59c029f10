package org.genosynth.assoc;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.InputException;

/**
 * plink2's refusals of a degenerate regression, applied before any test: a constant phenotype, covariates correlated
 * above {@value #MAX_CORR} or with a variance inflation factor above {@value #MAX_VIF} (plink2 {@code --glm}'s
 * defaults for {@code --max-corr} and {@code --vif}), and a phenotype that the covariates explain to
 * R&sup2; &gt; {@value #MAX_CORR} (the tests would then measure rounding noise).
 */
public final class DesignChecks {
    /** plink2's default {@code --max-corr}. */
    public static final double MAX_CORR = 0.999;
    /** plink2's default {@code --vif}. */
    public static final double MAX_VIF = 50;

    private DesignChecks() {
    }

    /**
     * Throws a user error naming {@code phenoFile} or the covariate when the design is degenerate.
     *
     * @param y          the phenotype of the samples used
     * @param covariates {@code [covariate][sample]} of the same samples
     */
    public static void check(Path phenoFile, String phenoCol, double[] y, double[][] covariates, List<String> names) {
        int n = y.length;
        double[] yc = centered(y);
        double yss = dot(yc, yc);
        if (!(yss > 1e-12 * n * Math.max(1, meanSquare(y)))) {
            throw InputException.inFile(phenoFile, "phenotype '" + phenoCol + "' is constant among the " + n
                    + " samples used; there is nothing to test (plink2 refuses it too)");
        }
        int k = covariates.length;
        double[][] c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = centered(covariates[j]);
            double ss = dot(c[j], c[j]);
            if (!(ss > 1e-12 * n * Math.max(1, meanSquare(covariates[j])))) {
                throw InputException.usage("covariate '" + names.get(j) + "' is constant among the " + n
                        + " samples used; drop it");
            }
            double s = Math.sqrt(ss);
            for (int i = 0; i < n; i++) {
                c[j][i] /= s;
            }
        }
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                r[a][b] = r[b][a] = a == b ? 1 : dot(c[a], c[b]);
                if (a != b && Math.abs(r[a][b]) > MAX_CORR) {
                    throw InputException.usage(String.format(Locale.ROOT, "covariates '%s' and '%s' are correlated "
                            + "at r = %.6f (above plink2's --max-corr %s); drop one", names.get(b), names.get(a),
                            r[a][b], MAX_CORR));
                }
            }
        }
        double[][] inv = invert(r);
        for (int j = 0; j < k; j++) {
            double vif = inv == null ? Double.POSITIVE_INFINITY : inv[j][j];
            if (!(vif <= MAX_VIF)) {
                throw InputException.usage(String.format(Locale.ROOT, "covariate '%s' has a variance inflation "
                        + "factor of %s (above plink2's --vif %s): it is nearly a combination of the other covariates; "
                        + "drop it", names.get(j), Double.isInfinite(vif) ? "infinity" : String.format(Locale.ROOT,
                        "%.1f", vif), (int) MAX_VIF));
            }
        }
        if (k > 0) {
            double[] ry = new double[k];
            double[] ys = yc.clone();
            double sy = Math.sqrt(yss);
            for (int i = 0; i < n; i++) {
                ys[i] /= sy;
            }
            for (int j = 0; j < k; j++) {
                ry[j] = dot(c[j], ys);
            }
            double r2 = 0;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    r2 += ry[a] * inv[a][b] * ry[b];
                }
            }
            if (r2 > MAX_CORR) {
                throw InputException.usage(String.format(Locale.ROOT, "the covariates explain phenotype '%s' to "
                        + "R^2 = %.6f (above %s): the phenotype is a combination of the covariates and the tests would "
                        + "measure rounding noise; drop the covariate that restates it", phenoCol, r2, MAX_CORR));
            }
        }
    }

    private static double[] centered(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] - m;
        }
        return c;
    }

    private static double meanSquare(double[] x) {
        return dot(x, x) / x.length;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The inverse (hipparchus LU with partial pivoting), or null when a pivot is below 1e-12: singular. */
    static double[][] invert(double[][] m) {
        if (m.length == 0) {
            return new double[0][0];
        }
        org.hipparchus.linear.DecompositionSolver solver = new org.hipparchus.linear.LUDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(m), 1e-12).getSolver();
        return solver.isNonSingular() ? solver.getInverse().getData() : null;
    }
}
