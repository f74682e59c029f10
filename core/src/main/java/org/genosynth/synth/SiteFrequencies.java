package org.genosynth.synth;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/** Per population and variant, the genotype frequencies of the called donors, as cumulative thresholds. */
final class SiteFrequencies implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** {@code [population][2 v]} = P(code 0), {@code [population][2 v + 1]} = P(code 0 or 1). */
    private final float[][] cumulative;

    private SiteFrequencies(float[][] cumulative) {
        this.cumulative = cumulative;
    }

    /** Frequencies over the donors of each population ({@code members[p]} = rows of {@code m}). */
    static SiteFrequencies of(GenotypeMatrix m, int[][] members) {
        float[][] cum = new float[members.length][2 * m.variantCount()];
        for (int p = 0; p < members.length; p++) {
            for (int v = 0; v < m.variantCount(); v++) {
                int[] counts = new int[4];
                int off = m.offset(v);
                for (int s : members[p]) {
                    counts[GenotypeCodes.get(m.words(), off, s)]++;
                }
                double called = counts[0] + counts[1] + counts[2];
                cum[p][2 * v] = called == 0 ? 1f : (float) (counts[0] / called);
                cum[p][2 * v + 1] = called == 0 ? 1f : (float) ((counts[0] + counts[1]) / called);
            }
        }
        return new SiteFrequencies(cum);
    }

    int draw(int population, int v, double u) {
        float[] c = cumulative[population];
        return u < c[2 * v] ? 0 : u < c[2 * v + 1] ? 1 : 2;
    }
}
