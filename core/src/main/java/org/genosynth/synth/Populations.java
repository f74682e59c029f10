package org.genosynth.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.assoc.pca.Pca;
import org.genosynth.assoc.pca.PcaModel;
import org.genosynth.assoc.pca.PcaResult;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;

/**
 * The populations of the training samples: from a label file or inferred (exact PCA, then k-means on the top PCs scaled
 * by the square roots of their eigenvalues). Inferred populations are named {@code P1..PK} by decreasing size. When
 * inferred, the PCA and the cluster centroids are kept so that synthetic samples can be projected and assigned
 * (the ancestry filter).
 *
 * @param names     population names
 * @param ofSample  per training sample, its population index
 * @param pca       the PCA the clusters were found on, or null (labels given)
 * @param centroids per population its centroid in scaled PC space ({@code [p][c]}), or null
 */
public record Populations(List<String> names, int[] ofSample, PcaModel pca, double[][] centroids) {

    /** Everyone in one population named {@code all}. */
    public static Populations single(int n) {
        return new Populations(List.of("all"), new int[n], null, null);
    }

    public int count() {
        return names.size();
    }

    /** The training rows of each population. */
    public int[][] members() {
        int[][] out = new int[count()][];
        int[] sizes = sizes();
        for (int p = 0; p < out.length; p++) {
            out[p] = new int[sizes[p]];
        }
        int[] at = new int[count()];
        for (int s = 0; s < ofSample.length; s++) {
            out[ofSample[s]][at[ofSample[s]]++] = s;
        }
        return out;
    }

    public int[] sizes() {
        int[] sizes = new int[count()];
        for (int p : ofSample) {
            sizes[p]++;
        }
        return sizes;
    }

    /**
     * Reads {@code FID IID POP} or {@code IID POP} lines (whitespace-separated; lines starting with {@code #} and a
     * header whose label column is {@code POP}/{@code population} are skipped). Every sample needs a label.
     */
    public static Populations fromLabels(Path file, List<Sample> samples) {
        Map<String, Integer> rowById = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            rowById.put(samples.get(i).id(), i);
        }
        int[] of = new int[samples.size()];
        Arrays.fill(of, -1);
        Map<String, Integer> index = new LinkedHashMap<>();
        try (LineReader in = new LineReader(file)) {
            String line;
            while ((line = in.next()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length < 2) {
                    throw in.error("POP", "expected 'FID IID POP' or 'IID POP'");
                }
                String id = f.length >= 3 ? f[1] : f[0];
                String pop = f[f.length - 1];
                if (pop.equalsIgnoreCase("POP") || pop.equalsIgnoreCase("population")) {
                    continue;
                }
                Integer row = rowById.get(id);
                if (row == null) {
                    continue;
                }
                of[row] = index.computeIfAbsent(pop, k -> index.size());
            }
        }
        for (int i = 0; i < of.length; i++) {
            if (of[i] < 0) {
                throw InputException.inFile(file, "field 'POP': no population label for sample '"
                        + samples.get(i).id() + "'");
            }
        }
        return new Populations(List.copyOf(index.keySet()), of, null, null);
    }

    /** Infers {@code k} populations (k-means, 20 seeded k-means++ starts, on {@code max(2, k)} PCs). */
    /** Largest number of populations {@link #inferCount} returns. */
    static final int MAX_AUTO = 8;
    /** Samples per population below which {@link #inferCount} stops adding populations. */
    static final int MIN_AUTO_SIZE = 20;
    /** Tracy–Widom 1 % critical value. */
    static final double TW_CRITICAL = 2.0234;
    /**
     * A significant PC must also stand this far above the (cap + 1)-th eigenvalue: the moment estimate of the effective
     * number of markers can misplace the bulk edge by a few per cent (random genotypes, 2,000 x 20,000 with 1 %
     * missing: TW statistic 19.6 for a top eigenvalue 3.7 % above the bulk), while real structure stands far above it.
     */
    static final double BULK_MARGIN = 1.1;
    /** Largest cohort on which {@link #inferCount} builds the n x n relatedness matrix. */
    static final int MAX_AUTO_SAMPLES = 6000;

    /**
     * The number of populations the cohort's structure supports: 1 + the number of leading principal components that
     * are significant by the Tracy–Widom test of Patterson, Price &amp; Reich (2006) (effective number of markers from
     * the eigenvalue moments, 1 % level) and at least {@link #BULK_MARGIN} times the bulk's top eigenvalue, at most
     * {@link #MAX_AUTO} and at most {@code n / }{@link #MIN_AUTO_SIZE};
     * 1 for cohorts above {@link #MAX_AUTO_SAMPLES} samples (the test needs every eigenvalue's moments).
     */
    static int inferCount(GenotypeMatrix m) {
        Standardized z = Standardized.of(m);
        return inferCount(z, m.sampleCount() > MAX_AUTO_SAMPLES ? null : org.genosynth.assoc.kinship.Grm.compute(z));
    }

    /** {@link #inferCount(GenotypeMatrix)} from the cohort's standardized genotypes and GRM (null above the cap). */
    private static int inferCount(Standardized z, double[] grm) {
        return inferCount(z, grm, Math.min(MAX_AUTO, z.sampleCount() / MIN_AUTO_SIZE));
    }

    /** As above with at most {@code cap} populations (1 + significant PCs); {@code grm} is not changed. */
    static int inferCount(Standardized z, double[] grm, int cap) {
        int n = z.sampleCount();
        if (cap < 2 || grm == null) {
            return 1;
        }
        double trace = 0;
        double frob = 0;
        for (int i = 0; i < n; i++) {
            trace += grm[i * n + i];
            for (int j = 0; j < n; j++) {
                frob += grm[i * n + j] * grm[i * n + j];
            }
        }
        PcaResult pca = Pca.exact(z, grm.clone(), Math.min(cap + 1, n - 1));
        double[] ev = pca.eigenvalues();
        double bulk = ev[ev.length - 1];
        double s1 = trace;
        double s2 = frob;
        int k = 1;
        for (int j = 0; j < ev.length && k < cap; j++) {
            int count = n - 1 - j;
            double effective = (count + 1) * s1 * s1 / ((count - 1) * s2 - s1 * s1);
            double l = count * ev[j] / s1;
            double a = Math.sqrt(effective - 1) + Math.sqrt(count);
            double mu = a * a / effective;
            double sigma = a / effective * Math.cbrt(1 / Math.sqrt(effective - 1) + 1 / Math.sqrt(count));
            if (!(effective > 1) || !((l - mu) / sigma > TW_CRITICAL) || ev[j] < BULK_MARGIN * bulk) {
                break;
            }
            k++;
            s1 -= ev[j];
            s2 -= ev[j] * ev[j];
        }
        return k;
    }

    /**
     * Populations inferred with {@link #inferCount} clusters, fewer while the k-means leaves a cluster of fewer than
     * {@link #MIN_AUTO_SIZE} samples (a population's own model parameters are estimated from its members).
     */
    public static Populations inferAuto(GenotypeMatrix m, long seed) {
        if (m.sampleCount() > MAX_AUTO_SAMPLES || Math.min(MAX_AUTO, m.sampleCount() / MIN_AUTO_SIZE) < 2) {
            return single(m.sampleCount());
        }
        // one GRM (the expensive part: n^2 x variants) for the test and every k-means
        Standardized z = Standardized.of(m);
        double[] grm = org.genosynth.assoc.kinship.Grm.compute(z);
        for (int k = inferCount(z, grm); k > 1; k--) {
            Populations p = infer(z, grm.clone(), m.sampleCount(), k, seed);
            if (Arrays.stream(p.sizes()).min().orElse(0) >= MIN_AUTO_SIZE) {
                return p;
            }
        }
        return single(m.sampleCount());
    }

    public static Populations infer(GenotypeMatrix m, int k, long seed) {
        if (k < 1 || k > m.sampleCount()) {
            throw InputException.usage("--infer-populations must be between 1 and the number of samples, got " + k);
        }
        Standardized z = Standardized.of(m);
        return infer(z, org.genosynth.assoc.kinship.Grm.compute(z), m.sampleCount(), k, seed);
    }

    /** k-means on the top PCs of the decomposition of {@code grm} (overwritten). */
    private static Populations infer(Standardized z, double[] grm, int n, int k, long seed) {
        int pcs = Math.min(Math.max(2, k), n - 1);
        PcaResult pca = Pca.exact(z, grm, pcs);
        double[][] x = new double[n][pcs];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < pcs; c++) {
                x[i][c] = pca.eigenvector(i, c) * Math.sqrt(pca.eigenvalues()[c]);
            }
        }
        int[] assign = KMeans.cluster(x, k, 20, new SplittableRandom(seed));
        // rename by decreasing size (ties: first appearance)
        int[] sizes = new int[k];
        for (int a : assign) {
            sizes[a]++;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> sizes[b] != sizes[a] ? sizes[b] - sizes[a] : a - b);
        int[] rename = new int[k];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            rename[order[i]] = i;
            names.add("P" + (i + 1));
        }
        int[] of = new int[n];
        double[][] centroids = new double[k][pcs];
        for (int i = 0; i < n; i++) {
            of[i] = rename[assign[i]];
            for (int c = 0; c < pcs; c++) {
                centroids[of[i]][c] += x[i][c];
            }
        }
        for (int p = 0; p < k; p++) {
            for (int c = 0; c < pcs; c++) {
                centroids[p][c] /= Math.max(1, sizes[order[p]]);
            }
        }
        return new Populations(names, of, pca.model(), centroids);
    }

    /** The population whose centroid is nearest to each sample of {@code other} (projected onto the PCA). */
    public int[] assign(GenotypeMatrix other) {
        double[] coords = pca.project(other).coordinates();
        int k = pca.pcCount();
        int[] out = new int[other.sampleCount()];
        for (int i = 0; i < out.length; i++) {
            double[] x = new double[k];
            for (int c = 0; c < k; c++) {
                x[c] = coords[i * k + c] * Math.sqrt(pca.eigenvalues()[c]);
            }
            out[i] = KMeans.nearest(centroids, x);
        }
        return out;
    }
}
