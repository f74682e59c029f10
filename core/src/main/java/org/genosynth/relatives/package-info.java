/**
 * Synthetic relatives from founders of a cohort: pedigrees from a small spec, meiosis with crossovers along the genetic
 * map (Haldane, sex-specific maps), phased or pseudo-phased transmission, expected kinship and relationship of every
 * related pair.
 */
package org.genosynth.relatives;
