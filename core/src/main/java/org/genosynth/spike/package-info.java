/**
 * Spike-in of known variants (SNVs, indels, symbolic structural variants) into chosen samples of a cohort VCF:
 * design by case/control carrier frequency, explicit sample lists or a target odds ratio; writes the merged cohort,
 * a truth VCF and a carriers table ({@link org.genosynth.spike.Spiker}).
 */
package org.genosynth.spike;
