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

    /** Held by whoever calls a multi-threaded native BLAS, so that concurrent kernels take turns instead of each
     * starting its own BLAS threads (which oversubscribes the cores and spins). */
    private static final Object TURN = new Object();
    private static final boolean MULTI_THREADED = threads() > 1;

    /** Which implementations are active, for the log. */
    static String implementations() {
        return "BLAS " + BLAS.getInstance().getClass().getName() + ", LAPACK "
                + LAPACK.getInstance().getClass().getName() + ", BLAS threads " + threads();
    }

    /**
     * The threads each call of the native BLAS uses: OpenBLAS reads {@code OPENBLAS_NUM_THREADS} (else
     * {@code GOTO_NUM_THREADS}, else {@code OMP_NUM_THREADS}) once when it loads, and uses every processor when none is
     * set. The launcher sets 1 except for {@code gwas --model lmm}. The pure-Java BLAS runs on the caller's thread.
     */
    static int threads() {
        if (!BLAS.getInstance().getClass().getSimpleName().startsWith("JNI")) {
            return 1;
        }
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                try {
                    return Math.max(1, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code C = A' B} with A k x m, B k x nCols, C m x nCols. */
    static void transposeTimes(double[] a, int k, int m, double[] b, int nCols, double[] c) {
        BLAS.getInstance().dgemm("T", "N", m, nCols, k, 1.0, a, k, b, k, 0.0, c, m);
    }

    /**
     * {@link #transposeTimes} for code running on worker threads: with a multi-threaded native BLAS one call at a
     * time (each one on every core), otherwise concurrently (each on its worker's core). The result is the same.
     */
    static void transposeTimesInTurn(double[] a, int k, int m, double[] b, int nCols, double[] c) {
        if (MULTI_THREADED) {
            synchronized (TURN) {
                transposeTimes(a, k, m, b, nCols, c);
            }
        } else {
            transposeTimes(a, k, m, b, nCols, c);
        }
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
