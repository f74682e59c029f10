package org.genosynth.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genosynth.assoc.Model;
import org.genosynth.io.ReadOptions;

/**
 * One evaluation of a synthetic cohort.
 *
 * @param real           the real cohort the generator was trained on
 * @param synthetic      the synthetic cohort
 * @param holdout        real samples not used for training (calibrates privacy and fidelity), or null
 * @param read           how to open the genotype inputs (format detected from each name unless forced)
 * @param pheno          phenotype table of the real cohort (and holdout), or null for no utility section
 * @param syntheticPheno phenotype table of the synthetic cohort; null: {@code pheno}
 * @param phenoCol       phenotype column (name or 1-based number)
 * @param covar          covariate table of the real cohort, or null
 * @param syntheticCovar covariate table of the synthetic cohort; null: {@code covar}
 * @param covarCols      covariate columns (empty: all)
 * @param model          association model run on both sides
 * @param thresholds     p-value thresholds for GWAS hits; the first is judged in the summary
 * @param locusWindowBp  without a genetic map: hits within this many bp form one locus
 * @param locusWindowCm  with a genetic map: hits within this many cM form one locus
 * @param outDir         output directory: {@code report.html}, {@code metrics.json}, {@code gwas/}
 * @param seed           seed of the random subsets (AATS, membership attack, randomized PCA)
 * @param threads        worker threads ({@code <= 0}: all processors)
 * @param holdoutPheno   phenotype table of the holdout, or null: the same GWAS on the holdout gives the sampling
 *                       baseline of the -log10 p correlation
 */
public record EvaluationRequest(Path real, Path synthetic, Path holdout, ReadOptions read, Path pheno,
        Path syntheticPheno, String phenoCol, Path covar, Path syntheticCovar, List<String> covarCols, Model model,
        List<Double> thresholds, long locusWindowBp, double locusWindowCm, Path outDir, long seed, int threads,
        Path holdoutPheno) {
    /** The GWAS thresholds used unless others are given. */
    public static final List<Double> DEFAULT_THRESHOLDS = List.of(5e-8, 1e-5);
    /** Default locus window without a map: 1 Mb. */
    public static final long DEFAULT_LOCUS_WINDOW = 1_000_000;
    /** Default locus window along a genetic map: 1 cM. */
    public static final double DEFAULT_LOCUS_WINDOW_CM = 1;

    public EvaluationRequest {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(synthetic, "synthetic");
        Objects.requireNonNull(outDir, "outDir");
        read = read == null ? ReadOptions.defaults() : read;
        thresholds = thresholds == null || thresholds.isEmpty() ? DEFAULT_THRESHOLDS : List.copyOf(thresholds);
        covarCols = covarCols == null ? List.of() : List.copyOf(covarCols);
        model = model == null ? Model.LMM : model;
        phenoCol = phenoCol == null ? "1" : phenoCol;
        locusWindowBp = locusWindowBp <= 0 ? DEFAULT_LOCUS_WINDOW : locusWindowBp;
        locusWindowCm = locusWindowCm <= 0 ? DEFAULT_LOCUS_WINDOW_CM : locusWindowCm;
    }

    /** A request with defaults for everything but the cohorts and the output directory. */
    public static EvaluationRequest of(Path real, Path synthetic, Path holdout, Path outDir) {
        return new EvaluationRequest(real, synthetic, holdout, null, null, null, null, null, null, null, null, null, 0, 0,
                outDir, 1, 0, null);
    }

    /** The same request with a phenotype (for the utility section). */
    public EvaluationRequest withPhenotype(Path table, String column, Model m) {
        return new EvaluationRequest(real, synthetic, holdout, read, table, syntheticPheno, column, covar,
                syntheticCovar, covarCols, m, thresholds, locusWindowBp, locusWindowCm, outDir, seed,
                threads, holdoutPheno);
    }

    /** The same request with the holdout's phenotype table (the utility section's sampling baseline). */
    public EvaluationRequest withHoldoutPheno(Path table) {
        return new EvaluationRequest(real, synthetic, holdout, read, pheno, syntheticPheno, phenoCol, covar,
                syntheticCovar, covarCols, model, thresholds, locusWindowBp, locusWindowCm, outDir, seed, threads,
                table);
    }
}
