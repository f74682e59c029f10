/**
 * Phenotype and covariate tables: PLINK style (a {@code FID IID ...} or {@code IID ...} header, rows matched to the
 * cohort by ID) and GEMMA style (no header, one row per cohort sample in genotype order), read into a
 * {@link org.genosynth.model.PhenotypeTable} aligned to the cohort, and written back in PLINK style.
 */
package org.genosynth.io.table;
