package org.genosynth.assoc.loco;

import org.genosynth.exec.Backend;

/**
 * The genetic relationship matrix as an operator, never stored: {@code K w = P X S X' P w / M} with {@code X} the
 * centred genotypes, {@code S} the model weights (each variant scaled so that its covariate-projected column has
 * squared norm {@code n - c}, as BOLT-LMM normalizes), {@code M} the number of model variants and {@code P} the
 * projection off the covariates ({@code c} columns including the intercept). The leave-one-chromosome-out matrix
 * {@code K_-k} drops chromosome {@code k}'s variants from the sum and keeps {@code M}. Every product is one pass of
 * {@link GrmProductKernel} over the slabs on the backend, the slabs' results added in slab order.
 */
final class Relationship {
    private final LocoCohort cohort;
    private final Backend backend;
    private final Covariates covariates;
    private final int modelVariants;
    private int passes;

    Relationship(LocoCohort cohort, Backend backend, Covariates covariates, int modelVariants) {
        this.cohort = cohort;
        this.backend = backend;
        this.covariates = covariates;
        this.modelVariants = modelVariants;
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
        double scale = 1.0 / modelVariants;
        for (int r = 0; r < leftOut.length; r++) {
            covariates.project(sum, r * n);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
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
