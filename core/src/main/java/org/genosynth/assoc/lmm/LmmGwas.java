package org.genosynth.assoc.lmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.assoc.AnalysisSamples;
import org.genosynth.assoc.FilteredCohort;
import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.io.AtomicOutput;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;
import org.genosynth.report.svg.GwasPlots;

/**
 * {@code gwas --model lmm}: reads the inputs of a request (samples with a phenotype and every covariate, as for the
 * other models), fits {@link LmmEngine} (GEMMA {@code -gk 1} + {@code -lmm 4}) and writes {@code OUT.gwas.tsv},
 * {@code OUT.lmm.log.tsv} (the null model) and the Manhattan and QQ plots of the Wald test. plink's filters of the
 * request run first ({@link FilteredCohort}): the relatedness matrix and the null model are those of the samples and
 * variants they kept, as GEMMA computes them from a filtered copy.
 */
public final class LmmGwas {
    private LmmGwas() {
    }

    /** The fitted model and what the command reports. */
    public record Outcome(LmmResult result, GwasResult gwas) {
    }

    /** Runs the request (its model must be lmm). */
    public static GwasResult run(GwasRequest request) {
        return fit(request).gwas();
    }

    /** Runs the request (its model must be lmm), the per-SNP tests on {@code context}'s backend. */
    public static GwasResult run(GwasRequest request, ExecutionContext context) {
        return fit(request, context).gwas();
    }

    /** Runs the request and also returns the fitted model. */
    public static Outcome fit(GwasRequest request) {
        try (ExecutionContext context = ExecutionContext.local(request.threads())) {
            return fit(request, context);
        }
    }

    /** Runs the request on {@code context} and also returns the fitted model. */
    public static Outcome fit(GwasRequest request, ExecutionContext context) {
        FilteredCohort cohort = FilteredCohort.load(request, context.backend(), false);
        GenotypeMatrix g = cohort.genotypes();
        if (g.variantCount() == 0) {
            throw InputException.inFile(request.input(), "holds no variants");
        }
        AnalysisSamples samples = cohort.samples();
        int n = g.sampleCount();
        double[] y = new double[n];
        Arrays.fill(y, Double.NaN);
        List<Integer> used = new ArrayList<>();
        List<String> notes = new ArrayList<>(cohort.notes());
        for (int c = 0; c < samples.covariateNames().size(); c++) {
            double[] col = samples.covariates()[c];
            if (Arrays.stream(col).allMatch(v -> v == col[0])) {
                notes.add("covariate " + samples.covariateNames().get(c) + " is constant (an intercept is always "
                        + "included): left out");
            } else {
                used.add(c);
            }
        }
        int covariates = used.size();
        double[][] w = new double[covariates + 1][n];
        for (double[] column : w) {
            Arrays.fill(column, Double.NaN);
        }
        for (int k = 0; k < samples.size(); k++) {
            int s = samples.keep()[k];
            y[s] = samples.phenotype()[k];
            w[0][s] = 1;
            for (int c = 0; c < covariates; c++) {
                w[c + 1][s] = samples.covariates()[used.get(c)][k];
            }
        }
        LmmResult result = LmmEngine.fit(g, y, w, LmmOptions.defaults().withThreads(context.threads()),
                context.backend());
        List<Path> files = new ArrayList<>(LmmResultWriter.write(Path.of(request.outPrefix()), g.variants(), result));
        files.addAll(writePlots(request, g.variants(), result, samples.size()));
        notes.addAll(result.notes());
        NullModel m = result.nullModel();
        notes.add(String.format(java.util.Locale.ROOT, "null model: vg %.6g, ve %.6g, lambda %.6g, PVE %.6g (se %.3g)",
                m.vg(), m.ve(), m.lambdaReml(), m.pve(), m.pveSe()));
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("samples", (double) m.sampleCount());
        summary.put("pve", m.pve());
        summary.put("pve_se", m.pveSe());
        summary.put("lambda", m.lambdaReml());
        return new Outcome(result, new GwasResult(files.get(0), result.snps().size(), files, notes, summary));
    }

    private static List<Path> writePlots(GwasRequest request, List<Variant> variants, LmmResult result, int samples) {
        GwasPlots plots = new GwasPlots();
        for (LmmResult.SnpResult s : result.snps()) {
            Variant v = variants.get(s.variant());
            plots.add(v.chrom(), v.position(), v.id(), Math.log10(s.pWald()));
        }
        String label = request.phenoCol() + " (lmm, " + samples + " samples)";
        Path manhattan = Path.of(request.outPrefix() + ".manhattan.svg");
        Path qq = Path.of(request.outPrefix() + ".qq.svg");
        try (AtomicOutput out = new AtomicOutput()) {
            Files.writeString(out.temp(manhattan), plots.manhattan("Manhattan plot: " + label),
                    StandardCharsets.UTF_8);
            Files.writeString(out.temp(qq), plots.qq("QQ plot: " + label), StandardCharsets.UTF_8);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing plots for " + request.outPrefix(), e);
        }
        return List.of(manhattan, qq);
    }
}
