/** Fidelity of a synthetic cohort: how closely it reproduces the real cohort's frequencies, LD and structure. */
package org.genosynth.eval.fidelity;
