package org.genosynth.assoc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genosynth.io.ReadOptions;

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
 */
public record GwasRequest(Path input, ReadOptions read, Path pheno, String phenoCol, Path covar,
                          List<String> covarCols, Model model, String outPrefix, int threads) {
    public GwasRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pheno, "pheno");
        Objects.requireNonNull(phenoCol, "phenoCol");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outPrefix, "outPrefix");
        read = read == null ? ReadOptions.defaults() : read;
        covarCols = covarCols == null ? List.of() : List.copyOf(covarCols);
    }
}
