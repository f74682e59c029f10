package org.genosynth.assoc;

import java.util.Locale;
import org.genosynth.io.InputException;

/** The association model of a GWAS run. */
public enum Model {
    /** Least squares of a quantitative phenotype on genotype + covariates (plink2 {@code --glm}, linear). */
    LINEAR,
    /** Logistic regression of a 0/1 phenotype, Firth fallback (plink2 {@code --glm firth-fallback}). */
    LOGISTIC,
    /** Linear mixed model with a kinship matrix (GEMMA-style). */
    LMM,
    /**
     * Linear mixed model without an n x n matrix, leave-one-chromosome-out (BOLT-LMM-inf style: conjugate gradients,
     * Monte-Carlo REML variance components, calibrated chi-square statistics).
     */
    LMM_LOCO;

    /** Parses {@code linear|logistic|lmm|lmm-loco} (any case); unknown names are a usage error. */
    public static Model parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw InputException.usage("--model must be linear, logistic, lmm or lmm-loco, got '" + text + "'");
        }
    }

    /** The name on the command line ({@code lmm-loco}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
