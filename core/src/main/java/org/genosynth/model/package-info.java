/**
 * The cohort model, independent of file formats: samples, variants, 2-bit packed genotype blocks with optional dosages and phase, and per-sample numeric tables.
 */
package org.genosynth.model;
