package org.genosynth.pheno;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.genosynth.assoc.lmm.LmmEngine;
import org.genosynth.assoc.lmm.LmmOptions;
import org.genosynth.assoc.lmm.LmmResult;
import org.genosynth.assoc.lmm.NullModel;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulated traits on the real mouse genotypes, analysed with the GEMMA-equivalent LMM: the REML heritability of 20
 * replicate traits averages to the simulated h2, the large causal SNPs are the top hits, binary traits meet the
 * requested prevalence or counts exactly.
 */
class HeritabilityTest {
    private static final int REPLICATES = 20;
    private static GenotypeMatrix mouse;

    @BeforeAll
    static void load() {
        mouse = GenotypeLoader.load(SharedData.mouse(".bed.gz"), null, null);
    }

    private static PhenoSettings settings(long seed, int causal, double h2, double h2Causal) {
        return new PhenoSettings(causal, Double.NaN, null, 0.1, Double.NaN, h2, h2Causal, 0, 0, 1, 0, 0,
                Double.NaN, -1, -1, seed);
    }

    @Test
    void remlHeritabilityOfReplicatesAveragesToTheSimulatedValue() {
        double[][] y = new double[REPLICATES][];
        double realized = 0;
        for (int r = 0; r < REPLICATES; r++) {
            Simulation sim = PhenotypeSimulator.simulate(mouse, settings(1000 + r, 5, 0.5, 0.15), List.of(), null);
            y[r] = sim.phenotype()[0];
            realized += sim.variance().get(0).h2() / REPLICATES;
        }
        List<NullModel> models = LmmEngine.nullModels(mouse, y, null, LmmOptions.defaults());
        double mean = models.stream().mapToDouble(NullModel::pve).average().orElseThrow();
        double sd = Math.sqrt(models.stream().mapToDouble(m -> (m.pve() - mean) * (m.pve() - mean)).sum()
                / (REPLICATES - 1));
        System.out.printf("mean REML PVE %.4f (sd %.4f over %d replicates; mean realized h2 %.4f; pve se of one "
                + "%.4f)%n", mean, sd, REPLICATES, realized, models.get(0).pveSe());
        assertThat(mean).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
    }

    /** The SNP of known position on {@code chrom} whose minor allele frequency is closest to 0.4. */
    private static int snpNearFreq(String chrom, double[] freq) {
        int best = -1;
        for (int v = 0; v < mouse.variantCount(); v++) {
            var variant = mouse.variants().get(v);
            if (variant.chrom().equals(chrom) && variant.hasPosition() && !Double.isNaN(freq[v])
                    && (best < 0 || Math.abs(Math.min(freq[v], 1 - freq[v]) - 0.4)
                    < Math.abs(Math.min(freq[best], 1 - freq[best]) - 0.4))) {
                best = v;
            }
        }
        return best;
    }

    private static double r2(int a, int b) {
        double[] x = new double[mouse.sampleCount()];
        double[] z = new double[mouse.sampleCount()];
        PhenotypeSimulator.imputedDosages(mouse, a, x);
        PhenotypeSimulator.imputedDosages(mouse, b, z);
        double mx = Components.mean(x);
        double mz = Components.mean(z);
        double sxz = 0;
        for (int s = 0; s < x.length; s++) {
            sxz += (x[s] - mx) * (z[s] - mz);
        }
        sxz /= x.length;
        return sxz * sxz / (Components.variance(x) * Components.variance(z));
    }

    @Test
    void largeCausalSnpsAreTheTopHits() {
        double[] freq = org.genosynth.assoc.kinship.StructureInput.altFrequencies(mouse);
        java.util.Map<String, Double> causal = new java.util.LinkedHashMap<>();
        for (String chrom : List.of("2", "8", "14")) {
            int v = snpNearFreq(chrom, freq);
            causal.put(mouse.variants().get(v).id(), 1 / Math.sqrt(2 * freq[v] * (1 - freq[v])));
        }
        int reps = 2;
        double[][] y = new double[reps][];
        List<Simulation> sims = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            PhenoSettings ps = new PhenoSettings(0, Double.NaN, causal, 0.1, Double.NaN, 0.5, 0.3, 0, 0, 1, 0, 0,
                    Double.NaN, -1, -1, 2000 + r);
            Simulation sim = PhenotypeSimulator.simulate(mouse, ps, List.of(), null);
            sims.add(sim);
            y[r] = sim.phenotype()[0];
        }
        List<LmmResult> fits = LmmEngine.fitEach(mouse, y, null, LmmOptions.defaults());
        for (int r = 0; r < reps; r++) {
            List<LmmResult.SnpResult> ranked = new ArrayList<>(fits.get(r).snps());
            ranked.sort(Comparator.comparingDouble(LmmResult.SnpResult::pWald));
            java.util.Set<String> causalChroms = new java.util.HashSet<>();
            double worstCausal = 0;
            for (Simulation.CausalEffect e : sims.get(r).causal()) {
                String chrom = mouse.variants().get(e.variant()).chrom();
                causalChroms.add(chrom);
                LmmResult.SnpResult lead = ranked.stream()
                        .filter(s -> mouse.variants().get(s.variant()).chrom().equals(chrom)).findFirst().orElseThrow();
                System.out.printf("replicate %d: causal %s (variance %.3f) lead of chromosome %s: %s p %.3g%n", r,
                        mouse.variants().get(e.variant()).id(), e.varianceExplained(), chrom,
                        mouse.variants().get(lead.variant()).id(), lead.pWald());
                assertThat(lead.variant()).as("lead SNP of chromosome " + chrom).isEqualTo(e.variant());
                assertThat(lead.pWald()).isLessThan(5e-8);
                worstCausal = Math.max(worstCausal, lead.pWald());
            }
            LmmResult.SnpResult bestElsewhere = ranked.stream()
                    .filter(s -> !causalChroms.contains(mouse.variants().get(s.variant()).chrom())).findFirst()
                    .orElseThrow();
            System.out.printf("replicate %d: best p on the other chromosomes %.3g%n", r, bestElsewhere.pWald());
            assertThat(bestElsewhere.pWald()).as("no locus without a causal SNP outranks a causal one")
                    .isGreaterThan(worstCausal);
        }
    }

    @Test
    void binaryTraitsMeetPrevalenceAndCountsExactly() {
        int n = mouse.sampleCount();
        PhenoSettings prevalence = new PhenoSettings(10, Double.NaN, null, 0.05, -0.25, 0.4, 0.2, 0, 0, 3, 0.5, 0.2,
                0.1, -1, -1, 7);
        Simulation a = PhenotypeSimulator.simulate(mouse, prevalence, List.of(), null);
        for (double[] y : a.phenotype()) {
            assertThat(java.util.Arrays.stream(y).filter(v -> v == LiabilityThreshold.CASE).count())
                    .isEqualTo(Math.round(0.1 * n));
            assertThat(java.util.Arrays.stream(y).filter(v -> v == LiabilityThreshold.CONTROL).count())
                    .isEqualTo(n - Math.round(0.1 * n));
        }
        // cases are the highest liabilities
        double[] liab = a.liability()[0];
        double threshold = a.variance().get(0).threshold();
        for (int s = 0; s < n; s++) {
            assertThat(a.phenotype()[0][s] == LiabilityThreshold.CASE).isEqualTo(liab[s] > threshold);
        }
        PhenoSettings counts = new PhenoSettings(10, Double.NaN, null, 0.05, Double.NaN, 0.4, 0.2, 0, 0, 1, 0, 0,
                0.3, 400, 700, 8);
        Simulation b = PhenotypeSimulator.simulate(mouse, counts, List.of(), null);
        double[] y = b.phenotype()[0];
        assertThat(java.util.Arrays.stream(y).filter(v -> v == LiabilityThreshold.CASE).count()).isEqualTo(400);
        assertThat(java.util.Arrays.stream(y).filter(v -> v == LiabilityThreshold.CONTROL).count()).isEqualTo(700);
        assertThat(java.util.Arrays.stream(y).filter(Double::isNaN).count()).isEqualTo(n - 1100);
        double t = b.variance().get(0).threshold();
        for (int s = 0; s < n; s++) {
            if (y[s] == LiabilityThreshold.CASE) {
                assertThat(b.liability()[0][s]).isGreaterThan(t);
            } else if (y[s] == LiabilityThreshold.CONTROL) {
                assertThat(b.liability()[0][s]).isLessThan(t);
            }
        }
    }

    @Test
    void traitsHaveTheRequestedGeneticAndNoiseCorrelation() {
        // all variance genetic background (h2 = 1): the traits' correlation is the genetic correlation
        PhenoSettings genetic = new PhenoSettings(0, Double.NaN, null, 0.05, Double.NaN, 1.0, 0, 0, 0, 2, 0.6, 0,
                Double.NaN, -1, -1, 11);
        Simulation g = PhenotypeSimulator.simulate(mouse, genetic, List.of(), null);
        // all variance noise: the traits' correlation is the noise correlation
        PhenoSettings noise = new PhenoSettings(0, Double.NaN, null, 0.05, Double.NaN, 0, 0, 0, 0, 2, 0, -0.4,
                Double.NaN, -1, -1, 12);
        Simulation e = PhenotypeSimulator.simulate(mouse, noise, List.of(), null);
        double rg = correlation(g.phenotype()[0], g.phenotype()[1]);
        double re = correlation(e.phenotype()[0], e.phenotype()[1]);
        System.out.printf("genetic correlation 0.6 -> %.3f, noise correlation -0.4 -> %.3f%n", rg, re);
        // noise: n = 1940 independent pairs, se of r about (1 - r^2)/sqrt(n) = 0.019; 4 se
        assertThat(re).isCloseTo(-0.4, org.assertj.core.data.Offset.offset(0.08));
        // background: 12k standardized SNPs drawn with correlation 0.6; the sample correlation of the two genetic
        // values is a weighted mean over the GRM's eigen-directions, few of which dominate in these mice
        assertThat(rg).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.15));
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Components.mean(a);
        double mb = Components.mean(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / a.length / Math.sqrt(Components.variance(a) * Components.variance(b));
    }
}
