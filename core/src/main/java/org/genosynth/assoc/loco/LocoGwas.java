package org.genosynth.assoc.loco;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.assoc.AnalysisSamples;
import org.genosynth.assoc.AssocRow;
import org.genosynth.assoc.FilteredCohort;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.GwasTableWriter;
import org.genosynth.assoc.Model;
import org.genosynth.assoc.PValues;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.report.svg.GwasPlots;

/**
 * {@code gwas --model lmm-loco}: BOLT-LMM's infinitesimal mixed model (BOLT-LMM-inf) without an n x n matrix.
 * <ol>
 * <li>samples with a phenotype and every covariate; hard calls, a missing call set to the variant's mean;</li>
 * <li>model variants: polymorphic, at most 10% missing (BOLT's default), each scaled so that its column projected off
 * the covariates has squared norm {@code n - c}; {@code K = X S X' / M} ({@link Relationship});</li>
 * <li>{@code delta = sigma_e^2 / sigma_g^2} by BOLT-LMM's Monte-Carlo REML ({@link MonteCarloReml});</li>
 * <li>for each chromosome {@code k}, {@code v_k = (K_-k + delta I)^-1 y} by conjugate gradients, together with
 * {@code (K_-k + delta I)^-1 x} for {@value #CALIBRATION_SNPS} random model variants ({@link ConjugateGradients});</li>
 * <li>per variant {@code x} of chromosome {@code k}: the retrospective statistic
 * {@code (n - c) (x'v_k)^2 / (|Px|^2 |v_k|^2)}, times the calibration factor: the mean over the random variants of
 * the prospective statistic {@code (n - c) (x'v)^2 / (x'H^-1 x  y'v)} divided by the retrospective one (BOLT-LMM's
 * "AvgPro / AvgRetro", here as the mean of per-variant ratios, which do not depend on {@code x'v}).</li>
 * </ol>
 * BETA is the generalized least squares estimate {@code x'H^-1 y / x'H^-1 x} with {@code x'H^-1 x} from the
 * calibrated approximation, SE its standard error, P the chi-square (1 df) p-value. Every genotype pass is a
 * {@link org.genosynth.exec.BlockKernel} over slabs of variants run by the context's backend, the slabs' results
 * combined in slab order: output is byte-identical at any thread count and on Spark. plink's filters of the request run
 * first ({@link FilteredCohort}): every pass sees only the samples and variants they kept.
 */
public final class LocoGwas {
    /** Random variants whose exact prospective statistic calibrates the others (BOLT-LMM uses 30). */
    static final int CALIBRATION_SNPS = 30;
    /** Conjugate-gradient relative residual (BOLT-LMM's default for the final solves). */
    static final double CG_TOLERANCE = 5e-4;
    static final int CG_MAX_ITERATIONS = 500;
    /** Largest fraction of missing calls for a model variant (BOLT-LMM's maxMissingPerSnp). */
    static final double MAX_MISSING = 0.1;
    private static final long SEED = 17;

    private LocoGwas() {
    }

    /** Runs the request (its model must be lmm-loco) on a local backend of {@code request.threads()} workers. */
    public static GwasResult run(GwasRequest request) {
        try (ExecutionContext context = ExecutionContext.local(request.threads())) {
            return run(request, context);
        }
    }

    /** Runs the request (its model must be lmm-loco) on {@code context}'s backend. */
    public static GwasResult run(GwasRequest request, ExecutionContext context) {
        if (request.model() != Model.LMM_LOCO) {
            throw new IllegalArgumentException("LocoGwas runs --model lmm-loco, not " + request.model());
        }
        Backend backend = context.backend();
        FilteredCohort filtered = FilteredCohort.load(request, backend, true);
        AnalysisSamples samples = filtered.samples();
        List<String> notes = new ArrayList<>(filtered.notes());
        GenotypeMatrix g = filtered.genotypes();
        if (hasDosages(g)) {
            notes.add("dosages read as hard calls (the nearest genotype), as BOLT-LMM reads PLINK calls");
        }
        int n = g.sampleCount();
        Covariates cov = Covariates.of(n, samples.covariates(), samples.covariateNames());
        int df = n - cov.count();
        if (df < 2) {
            throw InputException.usage("only " + n + " samples have a phenotype and every covariate");
        }
        long t0 = System.nanoTime();
        LocoCohort cohort = new LocoCohort(g, backend);
        int m = cohort.variants();

        // pass: x'Q and x'x of every variant -> |Px|^2 and the model weights
        double[] projectedNorm = new double[m];
        int qc = cov.count();
        int[] at = {0};
        backend.mapOrdered(cohort.slabs(), new ProjectionKernel(n, qc, cov.basis()), part -> {
            for (int j = 0; j < part.length / (qc + 1); j++) {
                double s = part[j * (qc + 1) + qc];
                for (int t = 0; t < qc; t++) {
                    double d = part[j * (qc + 1) + t];
                    s -= d * d;
                }
                projectedNorm[at[0]++] = s;
            }
        });
        boolean[] tested = new boolean[m];
        double[] weight = new double[m];
        int modelVariants = 0;
        int tooMissing = 0;
        for (int v = 0; v < m; v++) {
            tested[v] = cohort.polymorphic(v) && projectedNorm[v] > 1e-9 * n;
            if (tested[v] && cohort.missing(v) <= MAX_MISSING * n) {
                weight[v] = df / projectedNorm[v];
                modelVariants++;
            } else if (tested[v]) {
                tooMissing++;
            }
        }
        if (modelVariants == 0) {
            throw InputException.usage(request.input() + ": no variant is polymorphic among the " + n
                    + " samples used with at most " + Math.round(100 * MAX_MISSING) + "% missing calls; the mixed "
                    + "model needs some");
        }
        // the chromosomes with a tested variant: each is left out in turn, so there must be two or more
        List<Integer> chromosomes = new ArrayList<>();
        int[] column = new int[cohort.chromosomes().size()];
        Arrays.fill(column, -1);
        for (int v = 0; v < m; v++) {
            int c = cohort.chrom(v);
            if (tested[v] && column[c] < 0) {
                column[c] = chromosomes.size();
                chromosomes.add(c);
            }
        }
        if (chromosomes.size() < 2) {
            throw InputException.inFile(request.input(), oneChromosome(cohort.chromosomes().get(chromosomes.get(0))));
        }
        cohort.setWeights(weight);
        Relationship k = new Relationship(cohort, backend, cov, weight);

        double[] y = samples.phenotype().clone();
        cov.project(y, 0);
        double yy = Covariates.dot(y, 0, y, 0, n);
        if (!(yy > 0)) {
            throw InputException.usage(request.pheno() + ": phenotype column " + request.phenoCol()
                    + " is constant (or explained by the covariates) among the samples used");
        }

        long t1 = System.nanoTime();
        MonteCarloReml reml = MonteCarloReml.estimate(cohort, backend, k, y, modelVariants, SEED);
        long t2 = System.nanoTime();
        double delta = reml.delta();
        double h2 = reml.h2();

        // the calibration variants
        int[] calibration = calibrationVariants(weight, CALIBRATION_SNPS);
        int kc = chromosomes.size();
        int columns = kc + calibration.length;
        double[] rhs = new double[n * columns];
        int[] leftOut = new int[columns];
        for (int c = 0; c < kc; c++) {
            System.arraycopy(y, 0, rhs, c * n, n);
            leftOut[c] = chromosomes.get(c);
        }
        for (int s = 0; s < calibration.length; s++) {
            double[] x = cohort.centred(calibration[s]);
            cov.project(x, 0);
            System.arraycopy(x, 0, rhs, (kc + s) * n, n);
            leftOut[kc + s] = cohort.chrom(calibration[s]);
        }
        ConjugateGradients.Solution sol = ConjugateGradients.solve(k, delta, rhs, leftOut, CG_TOLERANCE,
                CG_MAX_ITERATIONS);
        if (!(sol.worstResidual() <= CG_TOLERANCE)) {
            throw InputException.usage(String.format(Locale.ROOT, "--model lmm-loco: conjugate gradients did not "
                    + "converge in %d iterations (relative residual %.3g, h2 %.4g): the relationship matrix is too "
                    + "ill-conditioned for this phenotype; use --model lmm", CG_MAX_ITERATIONS, sol.worstResidual(),
                    h2));
        }
        long t3 = System.nanoTime();
        double[] vv = new double[kc];
        double[] yv = new double[kc];
        double[] v = new double[n * kc];
        System.arraycopy(sol.x(), 0, v, 0, n * kc);
        for (int c = 0; c < kc; c++) {
            vv[c] = Covariates.dot(v, c * n, v, c * n, n);
            yv[c] = Covariates.dot(y, 0, v, c * n, n);
        }
        double ratioSum = 0;
        for (int s = 0; s < calibration.length; s++) {
            int var = calibration[s];
            int c = column[cohort.chrom(var)];
            double xhx = Covariates.dot(rhs, (kc + s) * n, sol.x(), (kc + s) * n, n);
            ratioSum += projectedNorm[var] * vv[c] / (xhx * yv[c]);
        }
        double calibrationFactor = ratioSum / calibration.length;

        // pass: x'v_k for every variant and chromosome; the statistics
        AssocRow[] rows = new AssocRow[m];
        int[] next = {0};
        backend.mapOrdered(cohort.slabs(), new ProjectionKernel(n, kc, v), part -> {
            int stride = kc + 1;
            for (int j = 0; j < part.length / stride; j++) {
                int var = next[0]++;
                rows[var] = row(cohort, var, tested[var], column[cohort.chrom(var)], part, j * stride, projectedNorm,
                        vv, yv, calibrationFactor, df);
            }
        });
        // the last pass: the genotypes' shipped copies are freed (on an error, the backend frees them when it closes)
        cohort.release();

        long t4 = System.nanoTime();
        notes.add(String.format(Locale.ROOT, "seconds: counts and projections %.1f, variance components %.1f, "
                + "leave-one-chromosome-out solves %.1f, statistics %.1f", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9, (t4 - t3) / 1e9));
        notes.add(String.format(Locale.ROOT, "variance components (Monte-Carlo REML, %d simulated phenotypes, %d "
                + "evaluations, %d conjugate-gradient iterations): delta = sigma_e^2/sigma_g^2 %.6g, h2 %.4g",
                reml.trials(), reml.evaluations(), reml.iterations(), delta, h2));
        notes.add(String.format(Locale.ROOT, "%d model variants, %d chromosomes left out in turn; conjugate gradients: "
                + "%d iterations; calibration factor %.4f (%d random variants); %d genotype passes", modelVariants, kc,
                sol.iterations(), calibrationFactor, calibration.length, k.passes() + 4));
        if (tooMissing > 0) {
            notes.add(tooMissing + " variants with more than " + Math.round(100 * MAX_MISSING) + "% missing calls "
                    + "tested but left out of the relationship matrix");
        }
        return write(request, rows, samples.size(), notes, h2, calibrationFactor, modelVariants);
    }

    private static boolean hasDosages(GenotypeMatrix g) {
        for (int v = 0; v < g.variantCount(); v++) {
            if (g.dosages(v) != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code count} distinct model variants drawn with a fixed seed, in index order. */
    private static int[] calibrationVariants(double[] weight, int count) {
        int[] model = java.util.stream.IntStream.range(0, weight.length).filter(v -> weight[v] > 0).toArray();
        if (model.length <= count) {
            return model;
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(model.length - i);
            int t = model[i];
            model[i] = model[j];
            model[j] = t;
        }
        int[] chosen = Arrays.copyOf(model, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private static AssocRow row(LocoCohort cohort, int var, boolean tested, int c, double[] part, int at,
                                double[] projectedNorm, double[] vv, double[] yv, double calibration, int df) {
        double freq = cohort.altFrequency(var);
        int called = cohort.called(var);
        if (!tested) {
            return AssocRow.untested(cohort.variant(var), freq, called);
        }
        double xv = part[at + c];
        double norm = projectedNorm[var];
        double beta = xv * calibration * yv[c] / (norm * vv[c]);
        double se = Math.sqrt(calibration * yv[c] * yv[c] / (df * norm * vv[c]));
        double z = beta / se;
        if (!Double.isFinite(z)) {
            return AssocRow.untested(cohort.variant(var), freq, called);
        }
        return new AssocRow(cohort.variant(var), freq, called, beta, se, PValues.log10TwoSidedZ(z), false);
    }

    /**
     * Why lmm-loco refuses a cohort whose tested variants all lie on {@code chrom}: leaving the only chromosome out
     * leaves no variant in the relationship matrix, and the statistics would be linear regression's under another
     * name. Chromosome 0 is the unplaced variants' (a BIMBAM file without annotation has nothing else).
     */
    static String oneChromosome(String chrom) {
        String cure = "use --model lmm (GEMMA's model, one relatedness matrix) or --model linear";
        if (chrom.equals("0")) {
            return "every tested variant is unplaced (chromosome 0, as a BIMBAM file without annotation is read): "
                    + "leave-one-chromosome-out needs variants on two or more chromosomes; pass --anno FILE (rs, "
                    + "bp, chr) to place them, or " + cure;
        }
        return "every tested variant is on chromosome " + chrom + ": leave-one-chromosome-out needs variants on two "
                + "or more chromosomes (leaving the only one out leaves no relationship matrix); " + cure;
    }

    private static GwasResult write(GwasRequest request, AssocRow[] rows, int samples, List<String> notes, double h2,
                                    double calibration, int modelVariants) {
        GwasPlots plots = new GwasPlots();
        long tested = 0;
        double minLog10p = 0;
        double[] chi2 = new double[rows.length];
        try (AtomicOutput output = new AtomicOutput();
             GwasTableWriter table = new GwasTableWriter(output, request.outPrefix(), false)) {
            for (AssocRow r : rows) {
                table.add(r);
                if (r.tested()) {
                    double z = r.beta() / r.se();
                    chi2[(int) tested++] = z * z;
                    minLog10p = Math.min(minLog10p, r.log10p());
                    plots.add(r.variant().chrom(), r.variant().position(), r.variant().id(), r.log10p());
                }
            }
            table.finish();
            String label = request.phenoCol() + " (lmm-loco, " + samples + " samples)";
            Path manhattan = Path.of(request.outPrefix() + ".manhattan.svg");
            Path qq = Path.of(request.outPrefix() + ".qq.svg");
            Files.writeString(output.temp(manhattan), plots.manhattan("Manhattan plot: " + label),
                    StandardCharsets.UTF_8);
            Files.writeString(output.temp(qq), plots.qq("QQ plot: " + label), StandardCharsets.UTF_8);
            output.commit();
            if (rows.length > tested) {
                notes.add((rows.length - tested) + " variants not tested (constant among the samples used, or "
                        + "collinear with the covariates): statistics NA");
            }
            double[] sorted = Arrays.copyOf(chi2, (int) tested);
            Arrays.sort(sorted);
            double lambdaGc = tested == 0 ? Double.NaN : median(sorted) / 0.45493642311957283;
            notes.add(String.format(Locale.ROOT, "lambda_GC %.4f", lambdaGc));
            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put("samples", (double) samples);
            summary.put("variants", (double) rows.length);
            summary.put("variants_tested", (double) tested);
            summary.put("model_variants", (double) modelVariants);
            summary.put("h2", h2);
            summary.put("calibration", calibration);
            summary.put("lambda_gc", lambdaGc);
            summary.put("min_log10_p", minLog10p);
            return new GwasResult(table.path(), tested, List.of(table.path(), manhattan, qq), notes, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + request.outPrefix(), e);
        }
    }

    private static double median(double[] sorted) {
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    }
}
