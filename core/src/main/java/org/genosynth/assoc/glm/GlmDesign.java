package org.genosynth.assoc.glm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.assoc.AnalysisSamples;
import org.genosynth.assoc.DesignChecks;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * How the variants of one {@link ChromosomeKind} are tested: on which of the analysis samples, by which kernel (its
 * covariates), and by what factor BETA and SE are scaled (2 where plink2 codes a haploid call 0..1 instead of 0..2;
 * the test statistic and P do not change).
 */
final class GlmDesign implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Indices into the analysis samples, ascending; null: all of them. */
    private final int[] rows;
    private final BlockKernel<VariantBlock, GlmStats> kernel;
    private final double effectScale;

    private GlmDesign(int[] rows, BlockKernel<VariantBlock, GlmStats> kernel, double effectScale) {
        this.rows = rows;
        this.kernel = kernel;
        this.effectScale = effectScale;
    }

    /** Every analysis sample with the user's covariates (the autosomes). */
    static GlmDesign all(AnalysisSamples samples, boolean logistic) {
        CovariateBasis basis = CovariateBasis.of(samples.size(), samples.covariates(), samples.covariateNames());
        return new GlmDesign(null, kernel(basis, samples.phenotype(), logistic), 1);
    }

    /** This design's samples and kernel with BETA and SE scaled by {@code scale}. */
    GlmDesign scaled(double scale) {
        return new GlmDesign(rows, kernel, scale);
    }

    /**
     * The analysis samples {@code rows} (null: all) with the user's covariates, less those constant among them (as
     * plink2 drops them, with a note), plus {@code extra} (null: none) named {@code extraName}; checked as the
     * whole-cohort design is ({@link DesignChecks}, which throws a user error).
     */
    static GlmDesign subset(AnalysisSamples samples, int[] rows, double[] extra, String extraName, double effectScale,
                            boolean logistic, Path phenoFile, String phenoCol, String setName, List<String> notes) {
        int n = rows == null ? samples.size() : rows.length;
        double[] y = pick(samples.phenotype(), rows);
        List<double[]> covariates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < samples.covariates().length; c++) {
            double[] column = pick(samples.covariates()[c], rows);
            if (constant(column)) {
                notes.add("covariate '" + samples.covariateNames().get(c) + "' is constant among the " + n + " "
                        + setName + ": left out there (as plink2)");
            } else {
                covariates.add(column);
                names.add(samples.covariateNames().get(c));
            }
        }
        if (extra != null) {
            covariates.add(extra);
            names.add(extraName);
        }
        double[][] design = covariates.toArray(new double[0][]);
        DesignChecks.check(phenoFile, phenoCol, y, design, names);
        return new GlmDesign(rows, kernel(CovariateBasis.of(n, design, names), y, logistic), effectScale);
    }

    private static BlockKernel<VariantBlock, GlmStats> kernel(CovariateBasis basis, double[] y, boolean logistic) {
        return logistic ? new LogisticKernel(basis, y) : new LinearKernel(basis, y);
    }

    /** The statistics of the variants {@code [from, to)} of {@code block} (which holds every analysis sample). */
    GlmStats test(VariantBlock block, int from, int to) {
        GlmStats stats;
        if (rows == null && from == 0 && to == block.variantCount()) {
            stats = kernel.apply(block);
        } else {
            stats = kernel.apply(select(block, from, to));
        }
        if (effectScale != 1) {
            stats.scaleEffects(effectScale);
        }
        return stats;
    }

    /** The variants {@code [from, to)} of {@code block} and the genotypes of this design's samples. */
    private VariantBlock select(VariantBlock block, int from, int to) {
        int n = rows == null ? block.sampleCount() : rows.length;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] src = block.genotypeWords();
        long[] words = new long[(to - from) * wpv];
        for (int v = from; v < to; v++) {
            if (rows == null) {
                System.arraycopy(src, block.offset(v), words, (v - from) * wpv, wpv);
            } else {
                GenotypeCodes.select(src, block.offset(v), rows, words, (v - from) * wpv);
            }
        }
        return new VariantBlock(block.firstIndex() + from, n, block.variants().subList(from, to), words, null, null);
    }

    private static double[] pick(double[] values, int[] rows) {
        if (rows == null) {
            return values;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }
}
