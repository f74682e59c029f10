package org.genosynth.assoc.loco;

import org.genosynth.exec.Backend;

/**
 * The genetic relationship matrix as an operator, never stored: {@code K w = P X S X' P w / M} with {@code X} the
 * centred genotypes, {@code S} the model weights (each variant scaled so that its covariate-projected column has
 * squared norm {@code n - c}, as BOLT-LMM normalizes), {@code M} the number of model variants and {@code P} the
 * projection off the covariates ({@code c} columns including the intercept). The leave-one-chromosome-out matrix
 * {@code K_-k} drops chromosome {@code k}'s variants from the sum and divides by their number {@code M_-k} (as
 * BOLT-LMM's {@code H_proj[b] = X_b X_b' / M_b + delta I}). Every product is one pass of
 * {@link GrmProductKernel} over the slabs on the backend, the slabs' results added in slab order.
 */
final class Relationship {
    private final LocoCohort cohort;
    private final Backend backend;
    private final Covariates covariates;
    /** Model variants in all, and per chromosome. */
    private final int modelVariants;
    private final int[] perChromosome;
    private int passes;

    Relationship(LocoCohort cohort, Backend backend, Covariates covariates, double[] weight) {
        this.cohort = cohort;
        this.backend = backend;
        this.covariates = covariates;
        this.perChromosome = new int[cohort.chromosomes().size()];
        int all = 0;
        for (int v = 0; v < weight.length; v++) {
            if (weight[v] > 0) {
                perChromosome[cohort.chrom(v)]++;
                all++;
            }
        }
        this.modelVariants = all;
    }

    /** Model variants outside chromosome {@code k} (-1: all of them). */
    int modelVariants(int k) {
        return k < 0 ? modelVariants : modelVariants - perChromosome[k];
    }

    /**
     * {@code K_-k w_r} for every column {@code r} of {@code w} ({@code n x R}, column-major, each column already
     * projected), {@code k = leftOut[r]} (-1: the whole genome).
     */
    double[] times(double[] w, int[] leftOut) {
        int n = cohort.samples();
        double[] sum = new double[w.length];
        backend.mapOrdered(cohort.slabs(), new GrmProductKernel(n, w, leftOut), part -> {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += part[i];
            }
        });
        passes++;
        for (int r = 0; r < leftOut.length; r++) {
            covariates.project(sum, r * n);
            int m = modelVariants(leftOut[r]);
            double scale = m == 0 ? 0 : 1.0 / m;
            for (int i = r * n; i < (r + 1) * n; i++) {
                sum[i] *= scale;
            }
        }
        return sum;
    }

    /** Genotype passes made so far. */
    int passes() {
        return passes;
    }

    Covariates covariates() {
        return covariates;
    }

    int samples() {
        return cohort.samples();
    }
}
