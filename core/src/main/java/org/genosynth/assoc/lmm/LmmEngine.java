package org.genosynth.assoc.lmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeMatrix;

/**
 * GEMMA's univariate linear mixed model, {@code gemma -gk 1} followed by {@code gemma -k K -lmm 4}:
 * <ol>
 * <li>samples: those with a phenotype and every covariate;</li>
 * <li>SNPs: GEMMA's default filters over those samples ({@link SnpFilter});</li>
 * <li>K: the centred relatedness matrix over the tested SNPs ({@link Relatedness});</li>
 * <li>one eigendecomposition {@code K = U D U'} (LAPACK dsyevd's steps, {@link Blas#symmetricEigen}), eigenvalues
 * below 1e-10 set to 0;</li>
 * <li>{@code U'W} and {@code U'y} once; the null model by ML and REML lambda search; vg, ve, PVE as GEMMA reports;</li>
 * <li>per SNP (missing dosages set to the SNP's mean), {@code U'x} by dgemm on blocks of SNPs; the score test at the
 * null ML lambda, the Wald test at the SNP's REML lambda, the likelihood ratio test at its ML lambda.</li>
 * </ol>
 * The relatedness panels, the eigenvectors' back-transformation and the blocks of SNPs run on the backend's workers
 * with one BLAS thread each, the tridiagonal reduction with a fixed 2 ({@link Blas#pinned}); results do not depend on
 * the thread count.
 */
public final class LmmEngine {
    private LmmEngine() {
    }

    /**
     * Fits the model.
     *
     * @param g          genotypes (dosages when present, otherwise hard calls)
     * @param phenotype  one value per sample of {@code g}, NaN missing
     * @param covariates {@code covariates[j][sample]}, including the intercept column; null for the intercept only
     * @param options    settings
     */
    public static LmmResult fit(GenotypeMatrix g, double[] phenotype, double[][] covariates, LmmOptions options) {
        return fitEach(g, new double[][] {phenotype}, covariates, options).get(0);
    }

    /** As {@link #fit(GenotypeMatrix, double[], double[][], LmmOptions)}, the per-SNP tests on {@code backend}. */
    public static LmmResult fit(GenotypeMatrix g, double[] phenotype, double[][] covariates, LmmOptions options,
                                Backend backend) {
        return fitEach(g, new double[][] {phenotype}, covariates, options, backend).get(0);
    }

    /**
     * Fits the model to several phenotypes that share their analysed samples (the same samples have a value in every
     * phenotype and every covariate): the SNP filter, the relatedness matrix and its eigendecomposition are computed
     * once, then each phenotype costs a null-model fit and the per-SNP tests. Each result equals what {@link #fit}
     * returns for that phenotype alone.
     *
     * @throws IllegalArgumentException when the phenotypes do not have the same analysed samples
     */
    public static List<LmmResult> fitEach(GenotypeMatrix g, double[][] phenotypes, double[][] covariates,
                                          LmmOptions options) {
        try (ExecutionContext context = ExecutionContext.local(options.threads())) {
            return fitEach(g, phenotypes, covariates, options, context.backend());
        }
    }

    /** As {@link #fitEach(GenotypeMatrix, double[][], double[][], LmmOptions)}, the per-SNP tests on {@code backend}. */
    public static List<LmmResult> fitEach(GenotypeMatrix g, double[][] phenotypes, double[][] covariates,
                                          LmmOptions options, Backend backend) {
        double[][] w = covariates == null ? intercept(g.sampleCount()) : covariates;
        return Blas.pinned(() -> {
            Decomposition d = decompose(g, sharedRows(phenotypes, w), w, options, backend);
            List<LmmResult> out = new ArrayList<>(phenotypes.length);
            for (double[] y : phenotypes) {
                out.add(fit(g, d, y, options, backend));
            }
            return out;
        });
    }

    /**
     * Only the null models (variance components, PVE) of several phenotypes sharing their analysed samples: one
     * relatedness matrix and eigendecomposition, no per-SNP test. Each equals {@link #fit}'s null model.
     */
    public static List<NullModel> nullModels(GenotypeMatrix g, double[][] phenotypes, double[][] covariates,
                                             LmmOptions options) {
        double[][] w = covariates == null ? intercept(g.sampleCount()) : covariates;
        int[] rows = sharedRows(phenotypes, w);
        try (ExecutionContext context = ExecutionContext.local(options.threads())) {
            return Blas.pinned(() -> {
                Decomposition d = decompose(g, rows, w, options, context.backend());
                List<NullModel> out = new ArrayList<>(phenotypes.length);
                for (double[] y : phenotypes) {
                    out.add(nullFit(d, y, options).model());
                }
                return out;
            });
        }
    }

    /**
     * The SNP filter, relatedness matrix and eigendecomposition over the samples that {@code like} has a value for,
     * made once and reused by every {@link Prepared#fit} and {@link Prepared#nullModels} of phenotypes over the same
     * samples, on a local backend of {@code options.threads()} workers; for a caller that fits many phenotypes one after
     * the other on fixed genotypes (the synthetic trait's calibration). Each result equals {@link #fit}'s.
     */
    public static Prepared prepare(GenotypeMatrix g, double[] like, double[][] covariates, LmmOptions options) {
        return new Prepared(g, like, covariates, options);
    }

    /** A decomposition kept for many phenotypes ({@link #prepare}); close it to stop its workers. */
    public static final class Prepared implements AutoCloseable {
        private final GenotypeMatrix g;
        private final double[][] w;
        private final LmmOptions options;
        private final ExecutionContext context;
        private final Decomposition d;

        private Prepared(GenotypeMatrix g, double[] like, double[][] covariates, LmmOptions options) {
            this.g = g;
            this.w = covariates == null ? intercept(g.sampleCount()) : covariates;
            this.options = options;
            this.context = ExecutionContext.local(options.threads());
            Decomposition made;
            try {
                made = Blas.pinned(() -> decompose(g, analysedRows(like, w), w, options, context.backend()));
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            this.d = made;
        }

        /** {@link LmmEngine#fit} of {@code y}; a fresh decomposition when {@code y} has other samples than kept. */
        public LmmResult fit(double[] y) {
            if (!Arrays.equals(d.rows(), analysedRows(y, w))) {
                return fitEach(g, new double[][] {y}, w, options, context.backend()).get(0);
            }
            return Blas.pinned(() -> LmmEngine.fit(g, d, y, options, context.backend()));
        }

        /**
         * The relatedness matrix over the analysed samples as the LMM decomposed it, {@code K = U diag(values) U'}:
         * the samples' rows (ascending), the eigenvalues divided by {@code tr(K) / n} (so that they average 1, as the
         * PVE reads them) and the eigenvectors, column-major n x n.
         */
        public Spectrum spectrum() {
            double[] scaled = new double[d.eval().length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = d.traceK() > 0 ? d.eval()[i] / d.traceK() : 0;
            }
            return new Spectrum(d.rows().clone(), scaled, d.u());
        }

        /** {@link LmmEngine#nullModels} of {@code phenotypes}, over the kept samples. */
        public List<NullModel> nullModels(double[][] phenotypes) {
            if (!Arrays.equals(d.rows(), sharedRows(phenotypes, w))) {
                return LmmEngine.nullModels(g, phenotypes, w, options);
            }
            return Blas.pinned(() -> {
                List<NullModel> out = new ArrayList<>(phenotypes.length);
                for (double[] y : phenotypes) {
                    out.add(nullFit(d, y, options).model());
                }
                return out;
            });
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * An eigendecomposition of the relatedness matrix over {@code rows}: eigenvalues scaled to average 1, eigenvectors
     * column-major ({@code vectors[i * n + r]} is row r of vector i). The vectors are the LMM's own (not copied).
     */
    public record Spectrum(int[] rows, double[] values, double[] vectors) {
    }

    private static int[] sharedRows(double[][] phenotypes, double[][] w) {
        int[] rows = analysedRows(phenotypes[0], w);
        for (double[] y : phenotypes) {
            if (!Arrays.equals(rows, analysedRows(y, w))) {
                throw new IllegalArgumentException("the phenotypes do not have the same analysed samples");
            }
        }
        return rows;
    }

    private record NullFit(NullModel model, double[] uty, double[] mle) {
    }

    private static NullFit nullFit(Decomposition d, double[] phenotype, LmmOptions options) {
        int n = d.rows().length;
        double[] ySub = new double[n];
        for (int r = 0; r < n; r++) {
            ySub[r] = phenotype[d.rows()[r]];
        }
        double[] uty = new double[n];
        Blas.transposeTimes(d.u(), n, n, ySub, 1, uty);
        Likelihood nullLk = new Likelihood(d.eval(), d.utw(), uty, d.c(), true, d.grid());
        double[] mle = LambdaSearch.search(nullLk, false, d.grid(), options.regions());
        double[] reml = LambdaSearch.search(nullLk, true, d.grid(), options.regions());
        return new NullFit(nullModel(nullLk, d.eval(), d.utw(), uty, d.c(), reml, mle, d.traceK()), uty, mle);
    }

    /** What every phenotype over the same samples shares: tested SNPs, {@code K = U D U'} and {@code U'W}. */
    private record Decomposition(int[] rows, int c, boolean[] tested, byte[] reason, int testedCount, double[] freq,
                                 int[] missing,
                                 double[] u, double[] eval, double traceK, double[] utw, LambdaGrid grid,
                                 double filterSeconds, double relatednessSeconds, double eigenSeconds) {
    }

    private static Decomposition decompose(GenotypeMatrix g, int[] rows, double[][] w, LmmOptions options,
                                           Backend backend) {
        int n = rows.length;
        int c = w.length;
        if (n <= c + 1) {
            throw new IllegalArgumentException("only " + n + " samples have a phenotype and all covariates");
        }
        long t0 = System.nanoTime();
        double[] freq = new double[g.variantCount()];
        int[] missing = new int[g.variantCount()];
        byte[] reason = new byte[g.variantCount()];
        boolean[] tested = SnpFilter.select(g, rows, w, options, freq, missing, reason);
        int testedCount = 0;
        for (boolean t : tested) {
            testedCount += t ? 1 : 0;
        }
        if (testedCount == 0) {
            // a user error (the input has nothing to test), not a bug: one line, exit code 2
            throw org.genosynth.io.InputException.usage(String.format(java.util.Locale.ROOT, "--model lmm: none of "
                    + "the %d variants passes GEMMA's SNP filters among the %d samples used (allele frequency "
                    + "within [%.2f, %.2f], at most %.0f%% missing calls, not explained by the covariates): no relatedness "
                    + "matrix and nothing to test", g.variantCount(), n, options.minAlleleFreq(),
                    1 - options.minAlleleFreq(), 100 * options.maxMissing()));
        }
        long t1 = System.nanoTime();
        double[] k = Relatedness.padded(g, rows, tested, backend);
        long t2 = System.nanoTime();
        Blas.Eigen eigen = Blas.symmetricEigen(k, n, backend);
        k = null;
        double[] eval = eigen.values();
        double[] u = eigen.vectors();
        long t3 = System.nanoTime();
        double traceK = 0;
        for (int i = 0; i < n; i++) {
            if (eval[i] < 1e-10) {
                eval[i] = 0;
            }
            traceK += eval[i];
        }
        traceK /= n;
        double[] wSub = new double[n * c];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < c; j++) {
                wSub[r + j * n] = w[j][rows[r]];
            }
        }
        double[] utw = new double[n * c];
        Blas.transposeTimes(u, n, n, wSub, c, utw);
        return new Decomposition(rows, c, tested, reason, testedCount, freq, missing, u, eval, traceK, utw,
                new LambdaGrid(eval, options), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    private static LmmResult fit(GenotypeMatrix g, Decomposition d, double[] phenotype, LmmOptions options,
                                 Backend backend) {
        int n = d.rows().length;
        int c = d.c();
        long t3 = System.nanoTime();
        NullFit nf = nullFit(d, phenotype, options);
        NullModel nullModel = nf.model();
        double[] uty = nf.uty();
        double[] mle = nf.mle();
        LambdaGrid grid = d.grid();

        long t4 = System.nanoTime();
        List<LmmResult.SnpResult> results = associate(g, d.rows(), d.tested(), d.freq(), d.missing(), d.u(),
                d.eval(), d.utw(), uty, c, grid, mle, options, backend);
        long t5 = System.nanoTime();
        List<String> notes = new ArrayList<>();
        notes.add(Blas.implementations());
        notes.add(n + " of " + g.sampleCount() + " samples analysed; " + d.testedCount() + " of " + g.variantCount()
                + " SNPs tested");
        notes.add(String.format(java.util.Locale.ROOT, "seconds: filter %.2f, relatedness %.2f, eigen %.2f, "
                + "null model %.2f, association %.2f", d.filterSeconds(), d.relatednessSeconds(), d.eigenSeconds(),
                (t4 - t3) / 1e9, (t5 - t4) / 1e9));
        int[] untested = new int[SnpFilter.REASONS.length];
        for (byte r : d.reason()) {
            untested[r]++;
        }
        List<String> why = new ArrayList<>();
        for (int r = 1; r < untested.length; r++) {
            if (untested[r] > 0) {
                why.add(untested[r] + " " + SnpFilter.REASONS[r].replace('_', ' '));
            }
        }
        if (!why.isEmpty()) {
            notes.add((g.variantCount() - d.testedCount()) + " variants not tested (GEMMA's filters: "
                    + String.join(", ", why) + "): statistics NA, reason in OUT.lmm.log.tsv");
        }
        LmmResult.Untested skipped = new LmmResult.Untested(d.reason(), d.freq(), d.missing(), n);
        return new LmmResult(nullModel, d.rows(), c, results, notes, skipped);
    }

    /**
     * GEMMA's {@code -gk 1} output: the centred relatedness matrix over all samples of {@code g}, from the SNPs that
     * pass the filters over the analysed samples (column-major, {@code g.sampleCount()} squared).
     */
    public static double[] gemmaRelatedness(GenotypeMatrix g, double[] phenotype, double[][] covariates,
                                            LmmOptions options) {
        double[][] w = covariates == null ? intercept(g.sampleCount()) : covariates;
        int[] rows = analysedRows(phenotype, w);
        boolean[] tested = SnpFilter.select(g, rows, w, options, new double[g.variantCount()],
                new int[g.variantCount()]);
        try (ExecutionContext context = ExecutionContext.local(options.threads())) {
            return Blas.pinned(() -> Relatedness.centred(g, IntStream.range(0, g.sampleCount()).toArray(), tested,
                    context.backend()));
        }
    }

    private static double[][] intercept(int n) {
        double[][] w = new double[1][n];
        Arrays.fill(w[0], 1.0);
        return w;
    }

    private static int[] analysedRows(double[] y, double[][] w) {
        return IntStream.range(0, y.length).filter(i -> {
            if (!Double.isFinite(y[i])) {
                return false;
            }
            for (double[] col : w) {
                if (!Double.isFinite(col[i])) {
                    return false;
                }
            }
            return true;
        }).toArray();
    }

    private static NullModel nullModel(Likelihood lk, double[] eval, double[] utw, double[] uty, int c,
                                       double[] reml, double[] mle, double traceK) {
        int n = eval.length;
        double lambda = reml[0];
        double ve = lk.residualPyy(lambda) / (n - c);
        double vg = ve * lambda;
        double[][] whw = new double[c][c];
        double[] why = new double[c];
        for (int i = 0; i < n; i++) {
            double hi = 1.0 / (eval[i] * lambda + 1.0);
            for (int a = 0; a < c; a++) {
                double wa = utw[i + a * n] * hi;
                why[a] += wa * uty[i];
                for (int b = 0; b < c; b++) {
                    whw[a][b] += wa * utw[i + b * n];
                }
            }
        }
        double[][] inv = SmallMatrix.inverse(whw);
        double[] beta = new double[c];
        double[] betaSe = new double[c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                beta[a] += inv[a][b] * why[b];
            }
            betaSe[a] = safeSqrt(inv[a][a] * ve);
        }
        double se = safeSqrt(-1.0 / lk.remlDev2(lambda));
        double pve = traceK * lambda / (traceK * lambda + 1.0);
        double pveSe = traceK / ((traceK * lambda + 1.0) * (traceK * lambda + 1.0)) * se;
        return new NullModel(n, lambda, reml[1], mle[0], mle[1], vg, ve, pve, pveSe, traceK, beta, betaSe);
    }

    /** GEMMA's safe_sqrt: the square root of |d| when d < 0.001. */
    static double safeSqrt(double d) {
        double d1 = d < 0.001 ? Math.abs(d) : d;
        return Math.sqrt(d1);
    }

    private record Block(int[] variants) implements java.io.Serializable {
    }

    private static List<LmmResult.SnpResult> associate(GenotypeMatrix g, int[] rows, boolean[] tested, double[] freq,
                                                      int[] missing, double[] u, double[] eval, double[] utw,
                                                      double[] uty, int c, LambdaGrid grid, double[] nullMle,
                                                      LmmOptions options, Backend backend) {
        List<Block> blocks = new ArrayList<>();
        int[] buf = new int[options.blockSize()];
        int k = 0;
        for (int v = 0; v < g.variantCount(); v++) {
            if (tested[v]) {
                buf[k++] = v;
                if (k == buf.length) {
                    blocks.add(new Block(buf.clone()));
                    k = 0;
                }
            }
        }
        if (k > 0) {
            blocks.add(new Block(Arrays.copyOf(buf, k)));
        }
        int n = rows.length;
        List<LmmResult.SnpResult> out = new ArrayList<>();
        // a BlockKernel: the genotypes, U, the eigenvalues, the projected covariates and phenotype, the lambda grid and
        // the null fit are what it ships (U is n x n doubles)
        BlockKernel<Block, List<LmmResult.SnpResult>> kernel = block -> {
            int b = block.variants().length;
            double[] x = new double[n * b];
            double[] all = new double[g.sampleCount()];
            for (int j = 0; j < b; j++) {
                g.dosages(block.variants()[j], all);
                double sum = 0;
                int called = 0;
                for (int r = 0; r < n; r++) {
                    double d = all[rows[r]];
                    if (!Double.isNaN(d)) {
                        sum += d;
                        called++;
                    }
                }
                double mean = sum / called;
                for (int r = 0; r < n; r++) {
                    double d = all[rows[r]];
                    x[j * n + r] = Double.isNaN(d) ? mean : d;
                }
            }
            double[] utx = new double[n * b];
            Blas.transposeTimesInTurn(u, n, n, x, b, utx);
            Likelihood lk = new Likelihood(eval, utw, uty, c, false, grid);
            List<LmmResult.SnpResult> res = new ArrayList<>(b);
            for (int j = 0; j < b; j++) {
                int v = block.variants()[j];
                lk.setSnp(utx, j * n);
                res.add(testSnp(lk, v, n - missing[v], freq[v], c, grid, nullMle, options));
            }
            return res;
        };
        backend.mapOrdered(blocks.iterator(), kernel, out::addAll);
        return out;
    }

    private static LmmResult.SnpResult testSnp(Likelihood lk, int v, int observed, double freq, int c,
                                               LambdaGrid grid, double[] nullMle, LmmOptions options) {
        int n = lk.n;
        double df = n - c - 1;
        double[] q = lk.testQuantities(nullMle[0]);
        double pScore = UpperTails.fUpper(n * q[2] * q[2] / (q[0] * q[1]), 1.0, df);
        double[] reml = LambdaSearch.search(lk, true, grid, options.regions());
        q = lk.testQuantities(reml[0]);
        double beta = q[2] / q[1];
        double tau = df / q[3];
        double se = safeSqrt(1.0 / (tau * q[1]));
        double pWald = UpperTails.fUpper((q[0] - q[3]) * tau, 1.0, df);
        double[] mle = LambdaSearch.search(lk, false, grid, options.regions());
        double pLrt = UpperTails.chiSquareUpper(2.0 * (mle[1] - nullMle[1]), 1.0);
        return new LmmResult.SnpResult(v, observed, freq, beta, se, mle[1], reml[0], mle[0], pWald, pLrt, pScore);
    }
}
