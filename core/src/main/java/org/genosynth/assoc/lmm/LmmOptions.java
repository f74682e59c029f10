package org.genosynth.assoc.lmm;

/**
 * Settings of the mixed model, defaulting to GEMMA's.
 *
 * @param lambdaMin     lower end of the lambda search ({@code -lmin}, 1e-5)
 * @param lambdaMax     upper end ({@code -lmax}, 1e5)
 * @param regions       number of log-spaced regions searched for a sign change of the derivative ({@code -region}, 10)
 * @param minAlleleFreq SNPs with an allele frequency below this or above {@code 1 - minAlleleFreq} are not tested
 *                      ({@code -maf}, 0.01)
 * @param maxMissing    SNPs missing in more than this fraction of the analysed samples are not tested
 *                      ({@code -miss}, 0.05)
 * @param maxR2         with covariates besides the intercept, SNPs whose (uncentred) r^2 with the covariates exceeds
 *                      this are not tested ({@code -r2}, 0.9999)
 * @param threads       worker threads for the per-SNP optimisation ({@code <= 0}: one per processor)
 * @param blockSize     SNPs rotated together by one matrix product
 */
public record LmmOptions(double lambdaMin, double lambdaMax, int regions, double minAlleleFreq, double maxMissing,
                         double maxR2, int threads, int blockSize) implements java.io.Serializable {
    public LmmOptions {
        if (!(lambdaMin > 0 && lambdaMax > lambdaMin) || regions < 1) {
            throw new IllegalArgumentException("need 0 < lambdaMin < lambdaMax and regions >= 1");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive");
        }
    }

    /** GEMMA's defaults, one thread per processor. */
    public static LmmOptions defaults() {
        return new LmmOptions(1e-5, 1e5, 10, 0.01, 0.05, 0.9999, 0, 512);
    }

    /** These options with another thread count. */
    public LmmOptions withThreads(int t) {
        return new LmmOptions(lambdaMin, lambdaMax, regions, minAlleleFreq, maxMissing, maxR2, t, blockSize);
    }
}
