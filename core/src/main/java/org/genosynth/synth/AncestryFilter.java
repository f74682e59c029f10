package org.genosynth.synth;

import java.util.List;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/**
 * The ancestry filter of the randomized-response generator: synthetic genomes are projected onto the real cohort's PCA
 * and assigned to the nearest population centroid; a genome assigned elsewhere than its population is redrawn (next
 * attempt: new noise, and a new path when its base is a mosaic), for up to {@link #ROUNDS} rounds.
 */
final class AncestryFilter {
    static final int ROUNDS = 10;

    private AncestryFilter() {
    }

    /** Redraws in place; returns the number of redraws. */
    static int run(RowBuilder builder, List<Variant> variants, SampleSheet sheet, Synthesizer.PathSource source,
            GenomePath[] paths, int[] attempts, int[] popOf, Populations pops,
            org.genosynth.exec.Backend backend) {
        int redrawn = 0;
        for (int round = 0; round < ROUNDS; round++) {
            GenotypeMatrix m = Synthesizer.generateInMemory(new BlockGenerator(builder, variants, paths, attempts,
                    popOf), sheet, backend);
            int[] assigned = pops.assign(m);
            int wrong = 0;
            for (int s = 0; s < paths.length; s++) {
                if (assigned[s] != popOf[s]) {
                    attempts[s]++;
                    paths[s] = source.draw(s, attempts[s]);
                    wrong++;
                }
            }
            redrawn += wrong;
            if (wrong == 0) {
                break;
            }
        }
        return redrawn;
    }
}
