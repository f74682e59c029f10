package org.genosynth.eval.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;

/**
 * The membership attack's floor: genomes drawn site by site, independently, from the training cohort's genotype counts.
 * They keep nothing of any training genome but the frequencies, yet on a small cohort those frequencies carry their
 * members (each member's alleles are part of them), so the distance attack tells members from unseen people a little
 * better than chance. Every generator that keeps the frequencies shares that signal; its AUC is reported beside
 * {@code mia_auc} so that a cohort where even this floor exceeds the pass line is recognised as such.
 */
final class FrequencyFloor {
    /** Genomes drawn (at most): the attack's nearest-neighbour distances change little beyond this. */
    static final int GENOMES = Privacy.WITHIN_CAP;

    private FrequencyFloor() {
    }

    /**
     * {@code count} genomes, each variant's genotype drawn from {@code train}'s observed genotype counts (all missing
     * when no call is observed), from a stream fixed by {@code seed} and the variant's index.
     */
    static GenotypeMatrix draw(GenotypeMatrix train, int count, long seed) {
        int wpv = GenotypeCodes.wordsPerVariant(count);
        long[] words = new long[train.variantCount() * wpv];
        for (int v = 0; v < train.variantCount(); v++) {
            int[] c = GenotypeCodes.counts(train.words(), train.offset(v), train.sampleCount());
            int called = c[0] + c[1] + c[2];
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + v);
            int offset = v * wpv;
            for (int s = 0; s < count; s++) {
                int code = GenotypeCodes.MISSING;
                if (called > 0) {
                    int u = random.nextInt(called);
                    code = u < c[0] ? GenotypeCodes.HOM_REF : u < c[0] + c[1] ? GenotypeCodes.HET : GenotypeCodes.HOM_ALT;
                }
                if (code != GenotypeCodes.HOM_REF) {
                    GenotypeCodes.set(words, offset, s, code);
                }
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            samples.add(Sample.of("floor" + (s + 1)));
        }
        return new GenotypeMatrix(SampleSheet.of(samples), train.variants(), words, null);
    }
}
