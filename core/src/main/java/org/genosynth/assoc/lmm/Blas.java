package org.genosynth.assoc.lmm;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.genosynth.exec.Backend;
import org.netlib.util.intW;

/**
 * The few dense operations the engine needs, through dev.ludovic.netlib (JNI to the system BLAS/LAPACK, e.g. Debian's
 * OpenBLAS, when it loads; pure Java otherwise). Matrices are column-major {@code double[]}.
 *
 * <p>When the native library is OpenBLAS, its thread count is set at run time ({@code openblas_set_num_threads},
 * called through JNA on the library the JNI BLAS loaded): {@link #pinned} runs a whole fit with one BLAS thread per
 * call (the products run on the backend's workers) and {@link #symmetricEigen} uses exactly {@link #EIGEN_THREADS}.
 * The counts are fixed, so the results do not depend on {@code --threads}, on {@code OPENBLAS_NUM_THREADS} or on the
 * machine's processor count; only on OpenBLAS's build and the kernels it picks for the processor.
 */
final class Blas {
    private Blas() {
    }

    /**
     * BLAS threads of the eigendecomposition: fixed (a different count can change the last bits of the tridiagonal
     * reduction's symmetric matrix-vector products, and with them a last printed digit), and 2 because that is what
     * the tridiagonal reduction, memory-bound, gains from (see docs/architecture.md, the LMM's performance).
     */
    static final int EIGEN_THREADS = 2;

    /** Held by whoever calls a multi-threaded native BLAS, so that concurrent kernels take turns instead of each
     * starting its own BLAS threads (which oversubscribes the cores and spins). */
    private static final Object TURN = new Object();
    /** Held while the process-wide OpenBLAS thread count is changed and used. */
    private static final Object COUNT = new Object();
    private static final OpenBlasThreads CONTROL = OpenBlasThreads.find();
    private static final boolean MULTI_THREADED = CONTROL == null && envThreads() > 1;

    /** Which implementations are active, for the log. */
    static String implementations() {
        return "BLAS " + BLAS.getInstance().getClass().getName() + ", LAPACK "
                + LAPACK.getInstance().getClass().getName() + ", BLAS threads " + (CONTROL == null ? envThreads()
                + " (OPENBLAS_NUM_THREADS; no run-time control)" : "1 per worker, " + EIGEN_THREADS
                + " for the eigendecomposition (OpenBLAS, set at run time)");
    }

    /**
     * The threads each call of the native BLAS uses when they are not set at run time: OpenBLAS reads
     * {@code OPENBLAS_NUM_THREADS} (else {@code GOTO_NUM_THREADS}, else {@code OMP_NUM_THREADS}) once when it loads,
     * and uses every processor when none is set. The pure-Java BLAS runs on the caller's thread.
     */
    static int envThreads() {
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

    /** Whether OpenBLAS's thread count is set at run time (else it is whatever the environment gave it). */
    static boolean threadControl() {
        return CONTROL != null;
    }

    /**
     * Runs {@code work} (a whole fit) with one OpenBLAS thread per call, the count it had restored afterwards; without
     * run-time control, just runs it. One fit at a time holds the count.
     */
    static <T> T pinned(Supplier<T> work) {
        if (CONTROL == null) {
            return work.get();
        }
        synchronized (COUNT) {
            int before = CONTROL.get();
            CONTROL.set(1);
            try {
                return work.get();
            } finally {
                CONTROL.set(before);
            }
        }
    }

    /** OpenBLAS's {@code openblas_get_num_threads} / {@code openblas_set_num_threads}. */
    private record OpenBlasThreads(Function getter, Function setter) {
        int get() {
            return getter.invokeInt(new Object[0]);
        }

        void set(int threads) {
            setter.invokeVoid(new Object[] {threads});
        }

        /**
         * The OpenBLAS the JNI BLAS and LAPACK loaded (found among the process's mapped files, so that it is that
         * very library and not another copy), or null: another BLAS, the pure-Java one, no JNA, no /proc.
         */
        static OpenBlasThreads find() {
            try {
                if (!BLAS.getInstance().getClass().getSimpleName().startsWith("JNI")
                        || !LAPACK.getInstance().getClass().getSimpleName().startsWith("JNI")) {
                    return null;
                }
                List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
                String library = null;
                for (String line : maps) {
                    int slash = line.indexOf('/');
                    if (slash >= 0 && line.substring(line.lastIndexOf('/') + 1).startsWith("libopenblas")) {
                        library = line.substring(slash).trim();
                        break;
                    }
                }
                if (library == null) {
                    return null;
                }
                NativeLibrary lib = NativeLibrary.getInstance(library);
                OpenBlasThreads control = new OpenBlasThreads(lib.getFunction("openblas_get_num_threads"),
                        lib.getFunction("openblas_set_num_threads"));
                control.get();
                return control;
            } catch (IOException | RuntimeException | LinkageError e) {
                return null;
            }
        }
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
        inTurn(() -> transposeTimes(a, k, m, b, nCols, c));
    }

    /** Runs a native BLAS/LAPACK call made on a worker thread: in turns when each call is multi-threaded. */
    static void inTurn(Runnable call) {
        if (MULTI_THREADED) {
            synchronized (TURN) {
                call.run();
            }
        } else {
            call.run();
        }
    }

    /**
     * Upper triangle of {@code C += A A'} with A the {@code m x k} sub-matrix at {@code offA} of a column-major matrix
     * with leading dimension {@code ld}, C the {@code m x m} tile at {@code offC} (leading dimension {@code ld}).
     */
    static void addOuter(double[] a, int offA, int ld, int m, int k, double[] c, int offC) {
        inTurn(() -> BLAS.getInstance().dsyrk("U", "N", m, k, 1.0, a, offA, ld, 1.0, c, offC, ld));
    }

    /**
     * {@code C += A B'} with A the {@code m x k} sub-matrix at {@code offA}, B the {@code nCols x k} one at
     * {@code offB} and C the {@code m x nCols} tile at {@code offC}, all of leading dimension {@code ld}.
     */
    static void addProduct(double[] a, int offA, int ld, int m, double[] b, int offB, int nCols, int k, double[] c,
                           int offC) {
        inTurn(() -> BLAS.getInstance().dgemm("N", "T", m, nCols, k, 1.0, a, offA, ld, b, offB, ld, 1.0, c, offC,
                ld));
    }

    /** Eigenvalues (ascending) and unit eigenvectors (the columns of a column-major n x n matrix). */
    record Eigen(double[] values, double[] vectors) {
    }

    /** Column panels of the back-transformation: a fixed count, so the vectors are the same at any thread count. */
    private static final int EIGEN_PANELS = 8;

    /**
     * Symmetric eigendecomposition of the lower triangle of {@code a} (destroyed), as LAPACK's dsyevd computes it in
     * three steps: the tridiagonal reduction (dsytrd on the lower triangle: OpenBLAS's lower symmetric matrix-vector
     * product, the memory-bound half of the reduction, used 7-10 % less CPU than the upper one at 5,000-6,000 samples)
     * and the divide-and-conquer eigenvectors of the tridiagonal
     * matrix (dstedc), both on the calling thread with {@link #EIGEN_THREADS} OpenBLAS threads when the count can be
     * set, then the back-transformation {@code U = Q Z} (dormtr's, in larger blocks: {@link #backTransform}) in
     * {@value #EIGEN_PANELS} fixed column panels of {@code Z} run by the backend's workers, one BLAS thread each
     * (dsyevd runs it on one thread: 40 % of its time at 10,000 samples). Unlike dsyevd, the vectors are returned in a new array (dsyevd copies them back into
     * {@code a}), and no scaling is applied for matrices whose largest element is below 1e-146 or above 1e146.
     */
    static Eigen symmetricEigen(double[] a, int n, Backend backend) {
        double[] w = new double[n];
        double[] e = new double[Math.max(1, n - 1)];
        double[] tau = new double[Math.max(1, n - 1)];
        double[] z = new double[n * n + n];   // n more for netlib's bounds checks of the last panel's rows
        Runnable tridiagonal = () -> {
            LAPACK lapack = LAPACK.getInstance();
            double[] query = new double[1];
            int[] iquery = new int[1];
            intW info = new intW(0);
            lapack.dsytrd("L", n, a, n, w, e, tau, query, -1, info);
            double[] work = new double[Math.max(1, (int) query[0])];
            lapack.dsytrd("L", n, a, n, w, e, tau, work, work.length, info);
            check("dsytrd", info);
            work = null;
            lapack.dstedc("I", n, w, e, z, n, query, -1, iquery, -1, info);
            work = new double[Math.max(1, (int) query[0])];
            int[] iwork = new int[Math.max(1, iquery[0])];
            lapack.dstedc("I", n, w, e, z, n, work, work.length, iwork, iwork.length, info);
            check("dstedc", info);
        };
        if (CONTROL == null) {
            tridiagonal.run();
        } else {
            synchronized (COUNT) {
                int before = CONTROL.get();
                CONTROL.set(EIGEN_THREADS);
                try {
                    tridiagonal.run();
                } finally {
                    CONTROL.set(before);
                }
            }
        }
        backTransform(a, n, tau, z, backend);
        return new Eigen(w, z);
    }

    /** Reflectors per block of the back-transformation (LAPACK's dormtr uses 32). */
    private static final int REFLECTOR_BLOCK = 256;

    /**
     * {@code Z = Q Z} with {@code Q = H(1) ... H(n-1)} from dsytrd('L') in {@code a}: what dormtr('L', 'L', 'N') does
     * (dormqr on the rows below the first), with blocks of {@value #REFLECTOR_BLOCK} reflectors instead of its 32, so
     * each block's two products have 8 times the inner dimension and stream Z 8 times less (measured on dormql's
     * variant for dsytrd('U'): a quarter less CPU at 6,000 samples, 9.6 s against dormtr's 13.1 s, one thread). The
     * blocks' triangular factors (dlarft) are computed once, by the workers, then {@value #EIGEN_PANELS} fixed column
     * panels of {@code Z} apply every block in dormqr's order, the last block first (dlarfb), on the workers.
     * {@code a} holds at least {@code n * n + n} elements (netlib's bounds checks).
     */
    private static void backTransform(double[] a, int n, double[] tau, double[] z, Backend backend) {
        int k = n - 1;
        int nb = REFLECTOR_BLOCK;
        java.util.List<int[]> blocks = new java.util.ArrayList<>();
        for (int i = 1; i <= k; i += nb) {
            // first reflector (1-based), count, rows of C it touches (rows i+1..n of Z, the first of them at offset i)
            blocks.add(new int[] {i, Math.min(nb, k - i + 1), n - i});
        }
        java.util.List<double[]> factors = new java.util.ArrayList<>(blocks.size());
        backend.mapOrdered(blocks.iterator(), b -> {
            double[] t = new double[b[1] * b[1]];
            inTurn(() -> LAPACK.getInstance().dlarft("F", "C", b[2], b[1], a, b[0] + (b[0] - 1) * n, n, tau,
                    b[0] - 1, t, 0, b[1]));
            return t;
        }, factors::add);
        java.util.List<int[]> panels = new java.util.ArrayList<>();
        for (int p = 0; p < EIGEN_PANELS; p++) {
            int c0 = (int) ((long) n * p / EIGEN_PANELS);
            int c1 = (int) ((long) n * (p + 1) / EIGEN_PANELS);
            if (c0 < c1) {
                panels.add(new int[] {c0, c1});
            }
        }
        backend.mapOrdered(panels.iterator(), panel -> {
            int cols = panel[1] - panel[0];
            double[] work = new double[cols * nb];
            for (int j = blocks.size() - 1; j >= 0; j--) {
                int[] b = blocks.get(j);
                double[] t = factors.get(j);
                inTurn(() -> LAPACK.getInstance().dlarfb("L", "N", "F", "C", b[2], cols, b[1], a,
                        b[0] + (b[0] - 1) * n, n, t, 0, b[1], z, b[0] + panel[0] * n, n, work, 0, cols));
            }
            return Boolean.TRUE;
        }, done -> { });
    }

    private static void check(String routine, intW info) {
        if (info.val != 0) {
            throw new IllegalStateException(routine + " failed, info = " + info.val);
        }
    }
}
