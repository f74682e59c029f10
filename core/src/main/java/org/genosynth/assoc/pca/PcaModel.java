package org.genosynth.assoc.pca;

import dev.ludovic.netlib.blas.BLAS;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * What is needed to place any sample on a cohort's principal axes: per variant its ALT frequency and its weight on
 * each PC, and the eigenvalues.
 *
 * <p>Weights are {@code a[j][c] = sum_i z[i][j] u[i][c] / sqrt(lambda_c)} for the ALT allele's standardized dosage
 * {@code z} (plink2's {@code biallelic-var-wts} are the same numbers for the non-major allele). A sample with
 * standardized genotypes {@code z[j]} projects to {@code sum_j a[j][c] z[j] / (M sqrt(lambda_c))}, {@code M} the
 * number of variants of the model: for a sample of the original cohort this is exactly its eigenvector entry.
 *
 * @param variants    the variants, in model order
 * @param altFreq     ALT frequencies used to standardize
 * @param weights     {@code M x k}, row-major ({@code [j * k + c]})
 * @param eigenvalues the {@code k} eigenvalues
 */
public record PcaModel(List<Variant> variants, double[] altFreq, double[] weights, double[] eigenvalues) {
    private static final int BLOCK = 512;

    public PcaModel {
        variants = List.copyOf(variants);
        if (altFreq.length != variants.size() || weights.length != variants.size() * eigenvalues.length) {
            throw new IllegalArgumentException("PCA model arrays do not match " + variants.size() + " variants");
        }
    }

    public int pcCount() {
        return eigenvalues.length;
    }

    /** How the variants of another cohort matched this model. */
    public record Match(int matched, int flipped, int unmatched, int absent) {
    }

    /** Projection of another cohort: {@code n x k} row-major coordinates in eigenvector scale, and the matching. */
    public record Projection(double[] coordinates, Match match) {
    }

    /**
     * Projects the samples of {@code other} (variants matched by ID; alleles may be swapped; unmatched or absent
     * variants and missing calls contribute 0, i.e. are mean-imputed). A cohort with exactly the model's variants, in
     * its order (a cohort aligned on the model's, as {@code evaluate} does), is matched variant by variant instead,
     * so that IDs that are all {@code .} or repeated (array data, VCFs without rsIDs) do not leave variants out.
     */
    public Projection project(GenotypeMatrix other) {
        int k = pcCount();
        boolean sameVariants = other.variants().equals(variants);
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < variants.size() && !sameVariants; j++) {
            index.putIfAbsent(variants.get(j).id(), j);
        }
        int mo = other.variantCount();
        double[] freq = new double[mo];
        double[] w = new double[mo * k];
        boolean[] used = new boolean[variants.size()];
        int matched = 0;
        int flipped = 0;
        int unmatched = 0;
        for (int v = 0; v < mo; v++) {
            Variant ov = other.variants().get(v);
            Integer j = sameVariants ? Integer.valueOf(v) : index.get(ov.id());
            freq[v] = Double.NaN;
            if (j == null || used[j]) {
                unmatched++;
                continue;
            }
            Variant mv = variants.get(j);
            double sign;
            if (ov.alt().equals(mv.alt()) && ov.ref().equals(mv.ref())) {
                sign = 1;
                freq[v] = altFreq[j];
                matched++;
            } else if (ov.alt().equals(mv.ref()) && ov.ref().equals(mv.alt())) {
                sign = -1;
                freq[v] = 1 - altFreq[j];
                flipped++;
            } else {
                unmatched++;
                continue;
            }
            used[j] = true;
            for (int c = 0; c < k; c++) {
                w[v * k + c] = sign * weights[j * k + c];
            }
        }
        Standardized z = new Standardized(other, freq);
        int n = other.sampleCount();
        double[] colMajor = new double[n * k];
        double[] block = new double[n * Math.min(BLOCK, Math.max(1, mo))];
        double[] wBlock = new double[Math.min(BLOCK, Math.max(1, mo)) * k];
        BLAS blas = BLAS.getInstance();
        for (int v0 = 0; v0 < mo; v0 += BLOCK) {
            int v1 = Math.min(mo, v0 + BLOCK);
            int b = v1 - v0;
            z.fill(v0, v1, block);
            for (int r = 0; r < b; r++) {
                for (int c = 0; c < k; c++) {
                    wBlock[c * b + r] = w[(v0 + r) * k + c];
                }
            }
            blas.dgemm("N", "N", n, k, b, 1.0, block, n, wBlock, b, 1.0, colMajor, n);
        }
        double[] out = new double[n * k];
        int m = variants.size();
        for (int c = 0; c < k; c++) {
            double scale = 1.0 / (m * Math.sqrt(eigenvalues[c]));
            for (int i = 0; i < n; i++) {
                out[i * k + c] = colMajor[c * n + i] * scale;
            }
        }
        int absent = variants.size() - matched - flipped;
        return new Projection(out, new Match(matched, flipped, unmatched, absent));
    }
}
