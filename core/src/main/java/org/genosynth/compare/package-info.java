/**
 * Comparison of a call set with a truth set: normalisation (split multi-allelic, trim, left-align against the
 * reference), matching by type, tolerant matching of structural variants, precision/recall/F1 and genotype
 * concordance per type and indel length bin, with a reason for each false negative ({@link
 * org.genosynth.compare.VcfCompare}).
 */
package org.genosynth.compare;
