/**
 * Linkage disequilibrium: unphased hard-call r<sup>2</sup> tables and plink2-identical {@code --indep-pairwise}
 * pruning, by popcount on the packed genotypes.
 */
package org.genosynth.assoc.ld;
