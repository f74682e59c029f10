/**
 * Relatedness: KING-robust kinship by popcount on bit-packed genotypes ({@link org.genosynth.assoc.kinship.KingKinship},
 * plink2 {@code --make-king-table} compatible) and the standardized genetic relationship matrix
 * ({@link org.genosynth.assoc.kinship.Grm}, plink2 {@code --make-rel} compatible). {@link
 * org.genosynth.assoc.kinship.StructureInput} loads a cohort the way the structure analyses (kinship, PCA, LD) need it.
 */
package org.genosynth.assoc.kinship;
