package org.genosynth.assoc.lmm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The few dense operations the engine needs, through dev.ludovic.netlib (JNI to the system BLAS/LAPACK, e.g. Debian's
 * OpenBLAS, when it loads; pure Java otherwise). Matrices are column-major {@code double[]}.
 */
final class Blas {
    private Blas() {
    }

    /** Which implementations are active, for the log. */
    static String implementations() {
        return "BLAS " + BLAS.getInstance().getClass().getName() + ", LAPACK "
                + LAPACK.getInstance().getClass().getName();
    }

    /** {@code C = A' B} with A k x m, B k x nCols, C m x nCols. */
    static void transposeTimes(double[] a, int k, int m, double[] b, int nCols, double[] c) {
        BLAS.getInstance().dgemm("T", "N", m, nCols, k, 1.0, a, k, b, k, 0.0, c, m);
    }

    /** Upper triangle of {@code C += A A'} with A n x k. */
    static void addOuter(double[] a, int n, int k, double[] c) {
        BLAS.getInstance().dsyrk("U", "N", n, k, 1.0, a, n, 1.0, c, n);
    }

    /**
     * Symmetric eigendecomposition (LAPACK dsyevd, upper triangle of {@code a}); {@code a} is overwritten by the
     * eigenvectors (columns), eigenvalues ascending in the result.
     */
    static double[] symmetricEigen(double[] a, int n) {
        LAPACK lapack = LAPACK.getInstance();
        double[] w = new double[n];
        double[] workQuery = new double[1];
        int[] iworkQuery = new int[1];
        intW info = new intW(0);
        lapack.dsyevd("V", "U", n, a, n, w, workQuery, -1, iworkQuery, -1, info);
        int lwork = (int) workQuery[0];
        int liwork = iworkQuery[0];
        double[] work = new double[Math.max(1, lwork)];
        int[] iwork = new int[Math.max(1, liwork)];
        info = new intW(0);
        lapack.dsyevd("V", "U", n, a, n, w, work, lwork, iwork, liwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyevd failed, info = " + info.val);
        }
        return w;
    }
}
