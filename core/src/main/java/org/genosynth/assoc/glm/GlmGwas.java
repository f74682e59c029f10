package org.genosynth.assoc.glm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.genosynth.assoc.AnalysisSamples;
import org.genosynth.assoc.AssocRow;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.assoc.GwasTableWriter;
import org.genosynth.assoc.Model;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.InputException;
import org.genosynth.model.Sample;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;
import org.genosynth.qc.VariantFilterPass;
import org.genosynth.model.VariantBlock;
import org.genosynth.report.svg.GwasPlots;

/**
 * Linear or logistic association of every variant with one phenotype, the equivalent of plink2
 * {@code --glm hide-covar omit-ref} (logistic: {@code firth-fallback}): samples with a missing phenotype or covariate
 * are left out of every test, a missing call leaves the sample out of that variant's test; chromosomes X, Y and MT
 * are tested as plink2 tests them ({@link GlmDesigns}: SEX as a covariate on X, males only on Y). Writes
 * {@code OUT.gwas.tsv}, {@code OUT.manhattan.svg} and {@code OUT.qq.svg}. Output is byte-identical at any thread count
 * (blocks are computed independently and written in input order). With {@link GwasRequest#filters()}, plink's sample
 * and variant filters run first ({@link VariantFilterPass}): removed samples leave every test, removed variants are
 * absent from the table, as in plink2.
 */
public final class GlmGwas {
    private GlmGwas() {
    }

    /** Runs {@code request} (model linear or logistic) on a thread pool of {@code request.threads()} workers. */
    public static GwasResult run(GwasRequest request) {
        try (ExecutionContext context = ExecutionContext.local(request.threads())) {
            return run(request, context);
        }
    }

    /** Runs {@code request} (model linear or logistic) on {@code context}'s backend. */
    public static GwasResult run(GwasRequest request, ExecutionContext context) {
        if (request.model() != Model.LINEAR && request.model() != Model.LOGISTIC) {
            throw new IllegalArgumentException("GlmGwas runs linear and logistic models, not " + request.model());
        }
        boolean logistic = request.model() == Model.LOGISTIC;
        Backend backend = context.backend();
        VariantFilterPass.Selection filtered = request.filters() == null ? null
                : VariantFilterPass.run(request.filters(), backend);
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open();
             AtomicOutput output = new AtomicOutput()) {
            AnalysisSamples samples = AnalysisSamples.load(request, reader.sampleSheet().samples(), logistic,
                    filtered == null ? null : filtered.samples());
            GlmDesigns designs = GlmDesigns.of(samples, sexes(reader.sampleSheet().samples(), samples.keep()),
                    logistic, request.pheno(), request.phenoCol());
            BlockKernel<VariantBlock, GlmStats> kernel = designs.kernel();
            GwasPlots plots = new GwasPlots();
            long[] counts = new long[3];
            double[] minLog10p = {0};
            List<String> notes = new ArrayList<>();
            if (filtered != null) {
                notes.add(filtered.describe());
                notes.addAll(filtered.notes());
            }
            notes.addAll(samples.notes());
            try (GwasTableWriter table = new GwasTableWriter(output, request.outPrefix(), logistic)) {
                // the kernels return statistics without variants; the variants of each block, in block order, wait
                // here for its results (the backend pulls blocks and delivers results in the same order)
                java.util.Queue<List<Variant>> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
                java.util.function.Predicate<Variant> kept = filtered == null ? null : filtered.variants();
                java.util.function.Predicate<Variant> admitted = kept == null ? designs::admit
                        : v -> kept.test(v) && designs.admit(v);
                Iterator<VariantBlock> blocks = new BlockStream(reader, samples.keep(), admitted);
                Iterator<VariantBlock> noted = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return blocks.hasNext();
                    }

                    @Override
                    public VariantBlock next() {
                        VariantBlock b = blocks.next();
                        waiting.add(b.variants());
                        return b;
                    }
                };
                backend.mapOrdered(noted, kernel, stats -> {
                    for (AssocRow r : stats.rows(waiting.remove())) {
                        table.add(r);
                        counts[0]++;
                        if (r.tested()) {
                            counts[1]++;
                            counts[2] += r.firth() ? 1 : 0;
                            minLog10p[0] = Math.min(minLog10p[0], r.log10p());
                            plots.add(r.variant().chrom(), r.variant().position(), r.variant().id(), r.log10p());
                        }
                    }
                });
                if (counts[1] == 0) {
                    // a table of NA statistics and empty plots: refused (nothing is committed)
                    throw InputException.inFile(request.input(), counts[0] == 0 ? "holds no variants"
                            : "none of its " + counts[0] + " variants can be tested: each is constant among the "
                            + samples.size() + " samples used, or collinear with the covariates");
                }
                table.finish();
                String label = request.phenoCol() + " (" + request.model().name().toLowerCase(java.util.Locale.ROOT)
                        + ", " + samples.size() + " samples, " + samples.covariateNames().size() + " covariates)";
                Path manhattan = Path.of(request.outPrefix() + ".manhattan.svg");
                Path qq = Path.of(request.outPrefix() + ".qq.svg");
                write(output, manhattan, plots.manhattan("Manhattan plot: " + label));
                write(output, qq, plots.qq("QQ plot: " + label));
                output.commit();
                if (counts[0] > counts[1]) {
                    notes.add((counts[0] - counts[1]) + " variants not tested (constant among the samples used, or "
                            + "collinear with the covariates): statistics NA");
                }
                if (logistic && counts[2] > 0) {
                    notes.add(counts[2] + " variants fitted with Firth's penalized likelihood (FIRTH = Y)");
                }
                notes.addAll(designs.notes());
                notes.addAll(reader.notes());
                Map<String, Double> summary = new LinkedHashMap<>();
                summary.put("samples", (double) samples.size());
                summary.put("covariates", (double) samples.covariateNames().size());
                summary.put("variants", (double) counts[0]);
                summary.put("variants_tested", (double) counts[1]);
                summary.put("firth", (double) counts[2]);
                summary.put("min_log10_p", minLog10p[0]);
                return new GwasResult(table.path(), counts[1], List.of(table.path(), manhattan, qq), notes, summary);
            }
        }
    }

    /**
     * Tests the variants of one block against a phenotype without reading files (the block holds exactly the samples of
     * {@code phenotype}, in order; no missing phenotype). Used where a caller needs the statistics a {@link #run} would
     * write for a few variants, e.g. the expected values of watermark SNPs.
     *
     * @param covariates {@code [covariate][sample]}, may be empty (intercept only)
     */
    public static AssocRow[] testBlock(VariantBlock block, double[] phenotype, double[][] covariates,
                                       List<String> covariateNames, boolean logistic) {
        CovariateBasis basis = CovariateBasis.of(phenotype.length, covariates, covariateNames);
        Function<VariantBlock, GlmStats> kernel = logistic ? new LogisticKernel(basis, phenotype)
                : new LinearKernel(basis, phenotype);
        return kernel.apply(block).rows(block.variants());
    }

    /** The sex of each analysis sample ({@code keep}: indices into {@code input}). */
    private static Sex[] sexes(List<Sample> input, int[] keep) {
        Sex[] out = new Sex[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = input.get(keep[i]).sex();
        }
        return out;
    }

    private static void write(AtomicOutput output, Path target, String text) {
        try {
            Files.writeString(output.temp(target), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }
}
