/**
 * BIMBAM mean genotypes as GEMMA reads them: a genotype file of rows {@code rs, A1, A2, dosage...} (dosage = mean count
 * of A1, which genosynth treats as the ALT allele), an annotation file {@code rs bp chr [cM]} and, as genosynth's
 * addition, a PLINK-style {@code .fam} beside them holding the samples.
 */
package org.genosynth.io.bimbam;
