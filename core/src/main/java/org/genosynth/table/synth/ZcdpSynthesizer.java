package org.genosynth.table.synth;

import java.util.List;

/** A synthesizer whose every use of the data is charged to a zero-concentrated DP budget. */
public interface ZcdpSynthesizer {
    /** The zCDP parameter spent. */
    double rho();

    /** What is assumed public beyond the column names, types and bounds (label sets). */
    List<String> leaks();
}
