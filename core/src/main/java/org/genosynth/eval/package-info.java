/**
 * Evaluation of synthetic cohorts against real ones; for now the reproducible train/holdout split that every
 * privacy measurement is calibrated on.
 */
package org.genosynth.eval;
