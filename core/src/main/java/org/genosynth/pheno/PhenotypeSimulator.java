package org.genosynth.pheno;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.io.InputException;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeMatrix;

/**
 * Simulates traits on a cohort's genotypes (see {@link PhenoSettings} for the model). Components:
 * <ul>
 * <li>causal SNPs: per-allele effects {@code b / sqrt(2p(1-p))} with {@code b ~ N(0, 1)} (normal effects on
 * standardized genotypes) or {@code b [p(1-p)]^(alpha/2)} (frequency-dependent), missing calls at the SNP's mean;</li>
 * <li>background: {@code U = Z w / sqrt(M)} with {@code w ~ N(0, I)} over all M polymorphic SNPs and {@code Z} their
 * standardized genotypes, i.e. exactly {@code U ~ N(0, GRM)} for the GRM of {@link org.genosynth.assoc.kinship.Grm},
 * without forming or factoring the n x n matrix;</li>
 * <li>covariates: {@code sum_k g_k c_k} over standardized covariates with {@code g ~ N(0, 1)};</li>
 * <li>noise: {@code N(0, 1)} per sample.</li>
 * </ul>
 * Effects, background weights and noise are drawn jointly for all traits with the common genetic (respectively
 * noise) correlation. Binary traits come from {@link LiabilityThreshold}.
 */
public final class PhenotypeSimulator {
    private PhenotypeSimulator() {
    }

    /**
     * @param g              genotypes
     * @param settings       what to simulate
     * @param covariateNames names of given covariates (empty for none)
     * @param covariates     {@code [covariate][sample]} given covariates (NaN missing), or null
     */
    public static Simulation simulate(GenotypeMatrix g, PhenoSettings settings, List<String> covariateNames,
                                      double[][] covariates) {
        try (ExecutionContext context = ExecutionContext.local(1)) {
            return simulate(g, settings, covariateNames, covariates, context.backend());
        }
    }

    /** As above, the polygenic background's sample ranges on {@code backend} (the result does not depend on it). */
    public static Simulation simulate(GenotypeMatrix g, PhenoSettings settings, List<String> covariateNames,
                                      double[][] covariates, Backend backend) {
        int n = g.sampleCount();
        int traits = settings.traits();
        double[] freq = StructureInput.altFrequencies(g);
        int[] causal = CausalSelection.select(g, freq, settings);
        List<String> covNames = new ArrayList<>(covariateNames == null ? List.of() : covariateNames);
        double[][] cov = covariates;
        boolean simulatedCov = false;
        if ((cov == null || cov.length == 0) && settings.simulatedCovariates() > 0) {
            cov = simulateCovariates(n, settings);
            covNames.clear();
            for (int k = 1; k <= cov.length; k++) {
                covNames.add("COV" + k);
            }
            simulatedCov = true;
        }
        if (settings.covarVariance() > 0 && (cov == null || cov.length == 0)) {
            throw InputException.usage("--covar-var needs covariates: --covar FILE or --sim-covariates K");
        }
        double[][] chol = Rng.compoundSymmetricCholesky(traits, settings.geneticCorrelation());
        double[][] rawBeta = causalEffects(g, causal, freq, settings, chol);
        double[][] gc = causalValues(g, causal, rawBeta, traits);
        double[][] bg = settings.h2Background() > 0 ? background(g, freq, settings, chol, backend) : new double[traits][n];
        CovariatePart cp = covariatePart(cov, n, settings);
        double[][] noise = noise(n, settings);

        double[][] liability = new double[traits][n];
        List<Simulation.CausalEffect> effects = new ArrayList<>();
        List<Simulation.CovariateEffect> covEffects = new ArrayList<>();
        List<Simulation.VarianceComponents> components = new ArrayList<>();
        double[][] phenotype = new double[traits][];
        for (int t = 0; t < traits; t++) {
            double aC = scaleComponent(gc[t], settings.h2Causal(), "causal SNPs");
            scaleComponent(bg[t], settings.h2Background(), "background");
            double aX = scaleComponent(cp.values[t], settings.covarVariance(), "covariates");
            scaleComponent(noise[t], settings.noiseVariance(), "noise");
            for (int s = 0; s < n; s++) {
                liability[t][s] = gc[t][s] + bg[t][s] + cp.values[t][s] + noise[t][s];
            }
            for (int j = 0; j < causal.length; j++) {
                double beta = rawBeta[t][j] * aC;
                effects.add(new Simulation.CausalEffect(t, causal[j], freq[causal[j]], beta,
                        beta * beta * dosageVariance(g, causal[j])));
            }
            for (int k = 0; k < cp.rawEffects[t].length; k++) {
                double beta = cp.rawEffects[t][k] * aX;
                covEffects.add(new Simulation.CovariateEffect(t, covNames.get(k), beta,
                        beta * beta * Components.variance(cov[k])));
            }
            LiabilityThreshold.Result bin = settings.binary()
                    ? LiabilityThreshold.apply(liability[t], settings, Rng.stream(settings.seed(), "cases" + t))
                    : null;
            phenotype[t] = bin == null ? liability[t].clone() : bin.phenotype();
            components.add(realized(t, gc[t], bg[t], cp.values[t], noise[t], liability[t], bin));
        }
        return new Simulation(settings.traitNames("TRAIT"), liability, phenotype, effects, covEffects, components,
                covNames, cov == null ? new double[0][] : cov, simulatedCov);
    }

    private static Simulation.VarianceComponents realized(int t, double[] c, double[] b, double[] x, double[] e,
                                                          double[] y, LiabilityThreshold.Result bin) {
        double[] genetic = new double[y.length];
        for (int s = 0; s < y.length; s++) {
            genetic[s] = Double.isNaN(y[s]) ? Double.NaN : c[s] + b[s];
        }
        double total = Components.variance(y);
        return new Simulation.VarianceComponents(t, Components.variance(masked(c, y)),
                Components.variance(masked(b, y)), Components.variance(masked(x, y)),
                Components.variance(masked(e, y)), total, Components.variance(genetic) / total,
                bin == null ? -1 : bin.cases(), bin == null ? -1 : bin.controls(),
                bin == null ? Double.NaN : bin.threshold());
    }

    private static double[] masked(double[] v, double[] y) {
        double[] out = v.clone();
        for (int s = 0; s < y.length; s++) {
            if (Double.isNaN(y[s])) {
                out[s] = Double.NaN;
            }
        }
        return out;
    }

    /** Standardizes {@code x} and multiplies it by sqrt(share); returns the overall factor applied. */
    private static double scaleComponent(double[] x, double share, String what) {
        if (share <= 0) {
            Arrays.fill(x, 0.0);
            return 0;
        }
        double f = Components.standardize(x);
        if (f == 0) {
            throw InputException.usage("the " + what + " part is constant over the samples: cannot give it a share "
                    + "of the variance");
        }
        double r = Math.sqrt(share);
        for (int i = 0; i < x.length; i++) {
            x[i] *= r;
        }
        return f * r;
    }

    /** Per-allele effects before scaling, {@code [trait][causal]}. */
    private static double[][] causalEffects(GenotypeMatrix g, int[] causal, double[] freq, PhenoSettings settings, double[][] chol) {
        int traits = settings.traits();
        double[][] beta = new double[traits][causal.length];
        SplittableRandom rng = Rng.stream(settings.seed(), "effects");
        double[] draw = new double[traits];
        for (int j = 0; j < causal.length; j++) {
            Rng.correlatedNormals(rng, chol, draw);
            double p = freq[causal[j]];
            double scale = Double.isNaN(settings.alpha()) ? 1.0 / Math.sqrt(2 * p * (1 - p))
                    : Math.pow(p * (1 - p), settings.alpha() / 2);
            for (int t = 0; t < traits; t++) {
                beta[t][j] = draw[t] * scale;
            }
        }
        CausalSelection.applyFixedEffects(g, causal, settings, beta);
        return beta;
    }

    private static double[][] causalValues(GenotypeMatrix g, int[] causal, double[][] beta, int traits) {
        int n = g.sampleCount();
        double[][] out = new double[traits][n];
        double[] x = new double[n];
        for (int j = 0; j < causal.length; j++) {
            imputedDosages(g, causal[j], x);
            for (int t = 0; t < traits; t++) {
                double b = beta[t][j];
                for (int s = 0; s < n; s++) {
                    out[t][s] += b * x[s];
                }
            }
        }
        return out;
    }

    /** Dosages of one variant, missing calls replaced by the mean. */
    static void imputedDosages(GenotypeMatrix g, int v, double[] x) {
        g.dosages(v, x);
        double m = Components.mean(x);
        for (int s = 0; s < x.length; s++) {
            if (Double.isNaN(x[s])) {
                x[s] = m;
            }
        }
    }

    private static double dosageVariance(GenotypeMatrix g, int v) {
        double[] x = new double[g.sampleCount()];
        imputedDosages(g, v, x);
        return Components.variance(x);
    }

    /**
     * The polygenic background {@code U = Z w} over every variant: the effects are drawn here in variant order (one
     * stream), the sums run by sample range on {@code backend} ({@link BackgroundKernel}).
     */
    private static double[][] background(GenotypeMatrix g, double[] freq, PhenoSettings settings, double[][] chol,
                                         Backend backend) {
        int n = g.sampleCount();
        int traits = settings.traits();
        SplittableRandom rng = Rng.stream(settings.seed(), "background");
        double[][] effects = new double[g.variantCount()][traits];
        for (double[] w : effects) {
            Rng.correlatedNormals(rng, chol, w);
        }
        BackgroundKernel kernel = new BackgroundKernel(g, new Standardized(g, freq), effects);
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < n; s += BackgroundKernel.SAMPLES_PER_RANGE) {
            ranges.add(new int[] {s, Math.min(n, s + BackgroundKernel.SAMPLES_PER_RANGE)});
        }
        double[][] u = new double[traits][n];
        int[] next = {0};
        backend.mapOrdered(ranges.iterator(), kernel, part -> {
            for (int t = 0; t < traits; t++) {
                System.arraycopy(part[t], 0, u[t], next[0], part[t].length);
            }
            next[0] += part.length == 0 ? 0 : part[0].length;
        });
        return u;
    }

    private record CovariatePart(double[][] values, double[][] rawEffects) {
    }

    private static CovariatePart covariatePart(double[][] cov, int n, PhenoSettings settings) {
        int traits = settings.traits();
        int k = cov == null ? 0 : cov.length;
        double[][] values = new double[traits][];
        double[][] raw = new double[traits][k];
        SplittableRandom rng = Rng.stream(settings.seed(), "covariate-effects");
        double[][] sd = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] copy = cov[c].clone();
            double f = Components.standardize(copy);
            sd[c] = new double[] {f, Components.mean(cov[c])};
        }
        for (int t = 0; t < traits; t++) {
            values[t] = new double[n];
            for (int c = 0; c < k; c++) {
                raw[t][c] = rng.nextGaussian() * sd[c][0];
                for (int s = 0; s < n; s++) {
                    values[t][s] += raw[t][c] * (cov[c][s] - sd[c][1]);
                }
            }
        }
        return new CovariatePart(values, raw);
    }

    private static double[][] simulateCovariates(int n, PhenoSettings settings) {
        SplittableRandom rng = Rng.stream(settings.seed(), "covariates");
        double[][] c = new double[settings.simulatedCovariates()][n];
        for (double[] col : c) {
            for (int s = 0; s < n; s++) {
                col[s] = rng.nextGaussian();
            }
        }
        return c;
    }

    private static double[][] noise(int n, PhenoSettings settings) {
        int traits = settings.traits();
        double[][] chol = Rng.compoundSymmetricCholesky(traits, settings.noiseCorrelation());
        SplittableRandom rng = Rng.stream(settings.seed(), "noise");
        double[][] e = new double[traits][n];
        double[] d = new double[traits];
        for (int s = 0; s < n; s++) {
            Rng.correlatedNormals(rng, chol, d);
            for (int t = 0; t < traits; t++) {
                e[t][s] = d[t];
            }
        }
        return e;
    }
}
