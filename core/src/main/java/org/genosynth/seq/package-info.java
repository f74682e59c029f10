/**
 * Sequence-level helpers shared by spike-in, read simulation and call comparison: reference FASTA loading, contig
 * name aliases (chr1 vs 1), BED regions, structural-variant types and small-variant normalisation.
 */
package org.genosynth.seq;
