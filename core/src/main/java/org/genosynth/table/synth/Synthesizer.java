package org.genosynth.table.synth;

import org.genosynth.table.DataTable;
import org.hipparchus.random.RandomGenerator;

/** Learns a table and draws new rows from what it learnt. */
public interface Synthesizer {
    /**
     * @param real the table to learn (identifier and empty columns are not modelled: they come back empty, and the
     *             writer numbers identifier rows {@code syn1, syn2, ...})
     * @param n    rows to draw
     * @param rng  the only source of randomness (same seed, same rows)
     * @return a table with the same columns as {@code real}
     */
    DataTable synthesize(DataTable real, int n, RandomGenerator rng);

    /** A one-paragraph account of what was fitted, for the command's summary. */
    String describe();
}
