package org.genosynth.assoc.lmm;

import java.nio.file.Path;
import org.genosynth.io.ReadOptions;

/**
 * What {@link LmmGwas#run} needs; mirrors the fields a GWAS request carries so that wiring {@code --model lmm} is
 * one line.
 *
 * @param genotypes       genotype input (any format {@code GenotypeFiles} reads)
 * @param readOptions     how to open it
 * @param phenotypes      phenotype table (PLINK style with header, or GEMMA style plain columns)
 * @param phenotypeColumn column name or 1-based number (GEMMA's {@code -n})
 * @param covariates      covariate table, or null for the intercept only; an intercept is added unless the table has
 *                        a constant column (GEMMA-style files carry their own column of 1s)
 * @param outPrefix       output prefix: {@code OUT.lmm.tsv}, {@code OUT.lmm.log.tsv}
 * @param options         model settings
 */
public record LmmRequest(Path genotypes, ReadOptions readOptions, Path phenotypes, String phenotypeColumn,
                         Path covariates, Path outPrefix, LmmOptions options) {
}
