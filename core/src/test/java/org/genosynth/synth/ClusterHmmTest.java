package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The haplotype-cluster HMM's E step checked against brute force: on small models every cluster path of every
 * haplotype is enumerated, and the likelihood and every expected statistic (posterior allele weights, ALT weights,
 * jumps into each cluster) are computed exactly from the joint probabilities. And the generator end to end on the 300
 * phased 1000 Genomes people: same bytes at 1 and 2 threads, phased output, allele frequencies kept.
 */
class ClusterHmmTest {
    @TempDir
    Path dir;

    private SynthRequest request(String out, int threads) {
        return new SynthRequest(SharedData.path("human_1kg_chr20/phased300.vcf.gz"), null, null, List.of(), null, 0,
                120, null, SynthRequest.Method.HMM, 3, dir.resolve(out).toString(), GenotypeFormat.VCF, null, null, 0,
                threads, false, new SynthRequest.Hmm(8, 4));
    }

    @Test
    void sameSeedSameBytesAtOneAndTwoThreadsWithPhasedOutputAndTheRealFrequencies() throws IOException {
        SynthResult one = Synthesizer.run(request("t1", 1));
        Synthesizer.run(request("t2", 2));
        for (String ext : List.of(".vcf.gz", ".populations.tsv")) {
            assertThat(Files.mismatch(dir.resolve("t1" + ext), dir.resolve("t2" + ext))).as(ext).isEqualTo(-1L);
        }
        // the manifests differ only in the output names (the fit, its log-likelihoods included, is the same)
        assertThat(Files.readString(dir.resolve("t1.manifest.json")).replace("t1.", "t2."))
                .isEqualTo(Files.readString(dir.resolve("t2.manifest.json")));
        assertThat(one.samples()).isEqualTo(120);
        org.genosynth.io.ReadOptions read = org.genosynth.io.ReadOptions.defaults();
        GenotypeMatrix real = GenotypeLoader.load(SharedData.path("human_1kg_chr20/phased300.vcf.gz"), read, null);
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("t1.vcf.gz"), read, null);
        double[] a = new double[real.variantCount()];
        double[] b = new double[real.variantCount()];
        for (int v = 0; v < a.length; v++) {
            a[v] = altFrequency(real, v);
            b[v] = altFrequency(syn, v);
        }
        // 120 synthetic genomes: the sampling noise of a frequency is about 0.03 at p = 0.2
        assertThat(new org.hipparchus.stat.correlation.PearsonsCorrelation().correlation(a, b)).isGreaterThan(0.97);
        String manifest = Files.readString(dir.resolve("t1.manifest.json"));
        assertThat(manifest).contains("\"method\": \"hmm\"").contains("EM on 600 of 600 phased haplotypes");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("t1.vcf.gz")))) {
            String first = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            assertThat(first.split("\t")[9]).matches("[01]\\|[01]");
        }
    }

    private static double altFrequency(GenotypeMatrix m, int v) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < m.sampleCount(); i++) {
            int code = m.code(v, i);
            if (code != 3) {
                s += code;
                c++;
            }
        }
        return s / (2.0 * c);
    }

    private static final int K = 2;
    private static final int M = 5;

    /** Model parameters drawn at random (jump 1 at variant 0 and at a chromosome start at variant 3). */
    private record Params(float[] theta, double[] jump, float[] alpha) {
        static Params random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] theta = new float[M * K];
            float[] alpha = new float[M * K];
            double[] jump = new double[M];
            for (int v = 0; v < M; v++) {
                jump[v] = v == 0 || v == 3 ? 1 : 0.05 + 0.6 * r.nextDouble();
                double a0 = 0.1 + 0.8 * r.nextDouble();
                alpha[v * K] = (float) a0;
                alpha[v * K + 1] = (float) (1 - a0);
                for (int k = 0; k < K; k++) {
                    theta[v * K + k] = (float) (0.05 + 0.9 * r.nextDouble());
                }
            }
            return new Params(theta, jump, alpha);
        }

        /** P(path) for one haplotype path; jumps[v] = 1 when the path jumped at v (v > 0 and not forced). */
        double pathProbability(int[] path, boolean[] jumped) {
            double p = 1;
            for (int v = 0; v < M; v++) {
                double j = jump[v];
                double a = alpha[v * K + path[v]];
                if (v == 0 || j >= 1) {
                    p *= a;
                } else if (jumped[v]) {
                    p *= j * a;
                } else {
                    p *= path[v] == path[v - 1] ? 1 - j : 0;
                }
            }
            return p;
        }
    }

    /** Every (path, jump pattern) of one haplotype with its prior probability. */
    private static java.util.List<Object[]> haplotypeHistories(Params par) {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        int total = 1 << (2 * M);
        for (int code = 0; code < total; code++) {
            int[] path = new int[M];
            boolean[] jumped = new boolean[M];
            for (int v = 0; v < M; v++) {
                path[v] = (code >>> v) & 1;
                jumped[v] = ((code >>> (M + v)) & 1) == 1;
            }
            boolean forcedOk = true;
            for (int v = 0; v < M; v++) {
                if ((v == 0 || par.jump[v] >= 1) && jumped[v]) {
                    forcedOk = false; // forced jumps are counted once, as "not jumped" in the code
                }
            }
            if (!forcedOk) {
                continue;
            }
            double p = par.pathProbability(path, jumped);
            if (p > 0) {
                out.add(new Object[] {path, jumped, p});
            }
        }
        return out;
    }

    @Test
    void haploidMatchesBruteForce() {
        Params par = Params.random(7);
        byte[] obs = {1, 0, 3, 1, 0};
        ClusterStats st = new ClusterStats(M * K, 1);
        new ForwardBackward(K, M, false, new boolean[M]).haploid(obs, par.theta, par.jump, par.alpha, 0, st);
        double like = 0;
        double[] weight = new double[M * K];
        double[] alt = new double[M * K];
        double[] jumps = new double[M * K];
        for (Object[] h : haplotypeHistories(par)) {
            int[] path = (int[]) h[0];
            boolean[] jumped = (boolean[]) h[1];
            double p = (double) h[2];
            for (int v = 0; v < M; v++) {
                double th = par.theta[v * K + path[v]];
                p *= obs[v] == 3 ? 1 : obs[v] == 1 ? th : 1 - th;
            }
            like += p;
            for (int v = 0; v < M; v++) {
                int i = v * K + path[v];
                if (obs[v] != 3) {
                    weight[i] += p;
                    alt[i] += obs[v] == 1 ? p : 0;
                }
                if (v == 0 || par.jump[v] >= 1 || jumped[v]) {
                    jumps[i] += p;
                }
            }
        }
        assertThat(st.logLikelihood).isCloseTo(Math.log(like), within(1e-9));
        for (int i = 0; i < M * K; i++) {
            assertThat(st.weight[0][i]).as("weight %d", i).isCloseTo(weight[i] / like, within(1e-9));
            assertThat(st.alt[0][i]).as("alt %d", i).isCloseTo(alt[i] / like, within(1e-9));
            assertThat(st.jumps[0][i]).as("jumps %d", i).isCloseTo(jumps[i] / like, within(1e-9));
        }
    }

    @Test
    void diploidMatchesBruteForce() {
        Params par = Params.random(11);
        byte[] obs = {2, 1, 0, 1, 3};
        ClusterStats st = new ClusterStats(M * K, 1);
        new ForwardBackward(K, M, true, new boolean[M]).diploid(obs, par.theta, par.jump, par.alpha, 0, st);
        java.util.List<Object[]> hs = haplotypeHistories(par);
        double like = 0;
        double[] weight = new double[M * K];
        double[] alt = new double[M * K];
        double[] jumps = new double[M * K];
        for (Object[] h1 : hs) {
            for (Object[] h2 : hs) {
                int[] a = (int[]) h1[0];
                int[] b = (int[]) h2[0];
                double prior = (double) h1[2] * (double) h2[2];
                // sum over the alleles of both haplotypes consistent with the genotype
                for (int x = 0; x < (1 << (2 * M)); x++) {
                    double p = prior;
                    boolean ok = true;
                    for (int v = 0; v < M && ok; v++) {
                        int xa = (x >>> v) & 1;
                        int xb = (x >>> (M + v)) & 1;
                        if (obs[v] != 3 && xa + xb != obs[v]) {
                            ok = false;
                            break;
                        }
                        if (obs[v] != 3) {
                            double ta = par.theta[v * K + a[v]];
                            double tb = par.theta[v * K + b[v]];
                            p *= (xa == 1 ? ta : 1 - ta) * (xb == 1 ? tb : 1 - tb);
                        } else if (xa + xb > 0) {
                            ok = false; // missing: alleles summed out once (all-zero representative, weight 1)
                        }
                    }
                    if (!ok) {
                        continue;
                    }
                    like += p;
                    boolean[] ja = (boolean[]) h1[1];
                    boolean[] jb = (boolean[]) h2[1];
                    for (int v = 0; v < M; v++) {
                        int ia = v * K + a[v];
                        int ib = v * K + b[v];
                        if (obs[v] != 3) {
                            weight[ia] += p;
                            weight[ib] += p;
                            alt[ia] += ((x >>> v) & 1) * p;
                            alt[ib] += ((x >>> (M + v)) & 1) * p;
                        }
                        boolean forced = v == 0 || par.jump[v] >= 1;
                        if (forced || ja[v]) {
                            jumps[ia] += p;
                        }
                        if (forced || jb[v]) {
                            jumps[ib] += p;
                        }
                    }
                }
            }
        }
        assertThat(st.logLikelihood).isCloseTo(Math.log(like), within(1e-9));
        for (int i = 0; i < M * K; i++) {
            assertThat(st.weight[0][i]).as("weight %d", i).isCloseTo(weight[i] / like, within(1e-9));
            assertThat(st.alt[0][i]).as("alt %d", i).isCloseTo(alt[i] / like, within(1e-9));
            assertThat(st.jumps[0][i]).as("jumps %d", i).isCloseTo(jumps[i] / like, within(1e-9));
        }
    }
}
