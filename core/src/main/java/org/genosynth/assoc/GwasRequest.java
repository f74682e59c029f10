package org.genosynth.assoc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genosynth.io.ReadOptions;
import org.genosynth.qc.QcRequest;

/**
 * One GWAS run: genotypes, phenotype column, optional covariate columns, model and output prefix.
 *
 * @param input      genotype input (PLINK prefix, VCF, BCF, BIMBAM)
 * @param read       how to open the input
 * @param pheno      phenotype table (PLINK style with FID/IID header, or GEMMA style plain columns)
 * @param phenoCol   phenotype column: a name, or a 1-based number among the value columns
 * @param covar      covariate table, or null for none
 * @param covarCols  covariate columns (names or 1-based numbers); empty = every column of {@code covar}
 * @param model      the model
 * @param outPrefix  output prefix: writes {@code OUT.gwas.tsv} and plots
 * @param threads    worker threads ({@code <= 0}: one per processor)
 * @param filters    plink's sample and variant filters on {@code input}, applied before the test as plink2 does
 *                   ({@link org.genosynth.qc.VariantFilterPass}; every model), or null for none
 */
public record GwasRequest(Path input, ReadOptions read, Path pheno, String phenoCol, Path covar,
                          List<String> covarCols, Model model, String outPrefix, int threads, QcRequest filters) {
    /** A run without filters. */
    public GwasRequest(Path input, ReadOptions read, Path pheno, String phenoCol, Path covar, List<String> covarCols,
                       Model model, String outPrefix, int threads) {
        this(input, read, pheno, phenoCol, covar, covarCols, model, outPrefix, threads, null);
    }

    public GwasRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pheno, "pheno");
        Objects.requireNonNull(phenoCol, "phenoCol");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outPrefix, "outPrefix");
        read = read == null ? ReadOptions.defaults() : read;
        covarCols = covarCols == null ? List.of() : List.copyOf(covarCols);
        if (filters != null && !filters.input().equals(input)) {
            throw new IllegalArgumentException("filters read " + filters.input() + ", not the input " + input);
        }
    }
}
