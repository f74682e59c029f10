package org.genosynth.assoc.lmm;

import java.util.List;

/**
 * Result of {@link LmmEngine#fit}: the null model and one entry per tested SNP (GEMMA's {@code -lmm 4} columns).
 *
 * @param nullModel     the null model
 * @param sampleRows    rows of the genotype matrix analysed (non-missing phenotype and covariates)
 * @param covariateCount covariates including the intercept
 * @param snps          per tested SNP, in genotype order
 * @param notes         what was done (BLAS/LAPACK implementation, counts)
 * @param untested      every variant's filter outcome, frequency and missing count
 */
public record LmmResult(NullModel nullModel, int[] sampleRows, int covariateCount, List<SnpResult> snps,
                        List<String> notes, Untested untested) {

    /**
     * Per variant of the input, tested or not.
     *
     * @param reason    0 = tested, else an index into the filter reasons (see {@link #reasonText})
     * @param freq      ALT frequency over the analysed samples with a genotype
     * @param missing   analysed samples without a genotype
     * @param analysed  analysed samples
     */
    public record Untested(byte[] reason, double[] freq, int[] missing, int analysed) {
        /** The filter that removed variant {@code v}, or {@code tested}. */
        public String reasonText(int v) {
            return SnpFilter.REASONS[reason[v]];
        }
    }

    /**
     * One tested SNP.
     *
     * @param variant     index of the variant in the genotype matrix
     * @param observed    analysed samples with a genotype (GEMMA: n - n_miss)
     * @param alleleFreq  frequency of the counted (ALT, BIMBAM A1) allele over the analysed samples with a genotype
     * @param beta        effect of one ALT copy (from the Wald fit at the SNP's REML lambda)
     * @param se          its standard error
     * @param logLH1      log-likelihood of the alternative at the ML lambda
     * @param lambdaReml  REML lambda with the SNP
     * @param lambdaMle   ML lambda with the SNP
     * @param pWald       Wald test, F(1, n - c - 1)
     * @param pLrt        likelihood ratio test, chi-square 1 df
     * @param pScore      score test at the null ML lambda, F(1, n - c - 1)
     */
    public record SnpResult(int variant, int observed, double alleleFreq, double beta, double se, double logLH1,
                            double lambdaReml, double lambdaMle, double pWald, double pLrt, double pScore)
            implements java.io.Serializable {
    }
}
