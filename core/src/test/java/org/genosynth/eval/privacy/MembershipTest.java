package org.genosynth.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.genosynth.eval.AlignedCohorts;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * {@link Privacy#membership}, the attacks {@code synth --method auto} judges its inner candidates by, gives what
 * {@link Privacy#compute} gives for them (same subsets, same seeds), also with the holdout's distances kept from an
 * earlier call.
 */
class MembershipTest {
    private static final int VARIANTS = 600;

    private static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            v.add(new Variant(i < VARIANTS / 2 ? "1" : "2", 1000L * (i + 1), "v" + i, "A", "G", 0));
        }
        return v;
    }

    /** {@code n} genomes in HWE at frequencies drawn per variant by {@code freq}; a missing call now and then. */
    private static GenotypeMatrix random(String prefix, int n, double[] freq, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[VARIANTS * wpv];
        for (int v = 0; v < VARIANTS; v++) {
            for (int s = 0; s < n; s++) {
                int g = (r.nextDouble() < freq[v] ? 1 : 0) + (r.nextDouble() < freq[v] ? 1 : 0);
                GenotypeCodes.set(words, v * wpv, s, r.nextDouble() < 0.01 ? GenotypeCodes.MISSING : g);
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples(prefix, n)), variants(), words, null);
    }

    private static List<Sample> samples(String prefix, int n) {
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of(prefix + s));
        }
        return samples;
    }

    /** {@code n} genomes, each a mosaic of 4 training genomes' stretches of 150 variants: copies that leak. */
    private static GenotypeMatrix mosaics(GenotypeMatrix train, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int wpv = GenotypeCodes.wordsPerVariant(n);
        int twpv = GenotypeCodes.wordsPerVariant(train.sampleCount());
        long[] words = new long[VARIANTS * wpv];
        for (int s = 0; s < n; s++) {
            int donor = 0;
            for (int v = 0; v < VARIANTS; v++) {
                if (v % 150 == 0) {
                    donor = r.nextInt(train.sampleCount());
                }
                GenotypeCodes.set(words, v * wpv, s, GenotypeCodes.get(train.words(), v * twpv, donor));
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples("s", n)), variants(), words, null);
    }

    @Test
    void theInnerAttacksGiveWhatEvaluateGives() {
        SplittableRandom r = new SplittableRandom(11);
        double[] freq = new double[VARIANTS];
        for (int v = 0; v < VARIANTS; v++) {
            freq[v] = 0.05 + 0.9 * r.nextDouble();
        }
        GenotypeMatrix train = random("t", 120, freq, 1);
        GenotypeMatrix holdout = random("h", 50, freq, 2);
        try (ExecutionContext context = ExecutionContext.local(2)) {
            for (GenotypeMatrix synthetic : List.of(mosaics(train, 80, 3), random("s", 80, freq, 4))) {
                AlignedCohorts cohorts = AlignedCohorts.of(train, synthetic, holdout);
                PrivacyResult full = Privacy.compute(cohorts, Set.of(), synthetic.samples(), 5, context.backend());
                Privacy.Membership m = Privacy.membership(cohorts, null, 5, context.backend());
                assertThat(m.miaAuc()).isEqualTo(full.miaAuc());
                assertThat(m.dcrShareCloser()).isEqualTo(full.dcrShareCloser());
                assertThat(m.segmentAucIdentical()).isEqualTo(full.segmentAucIdentical());
                assertThat(m.segmentAucHalfIdentical()).isEqualTo(full.segmentAucHalfIdentical());
                assertThat(m.segmentAuc()).isEqualTo(full.segmentAuc());
                assertThat(m.members()).isEqualTo(50);
                assertThat(m.dcrHold()).containsExactly(full.dcrHoldout());
                Privacy.Membership again = Privacy.membership(cohorts, m.dcrHold(), 5, context.backend());
                assertThat(again.dcrShareCloser()).isEqualTo(m.dcrShareCloser());
                assertThat(again.miaAuc()).isEqualTo(m.miaAuc());
            }
            // the values are not trivial: the mosaics of 150-variant stretches leak, the random genomes do not
            Privacy.Membership leak = Privacy.membership(AlignedCohorts.of(train, mosaics(train, 80, 3), holdout),
                    null, 5, context.backend());
            assertThat(leak.miaAuc()).isGreaterThan(0.8);
            assertThat(leak.dcrShareCloser()).isGreaterThan(0.9);
            assertThat(leak.segmentAucIdentical()).isGreaterThan(0.9);
            Privacy.Membership none = Privacy.membership(AlignedCohorts.of(train, random("s", 80, freq, 4), holdout),
                    null, 5, context.backend());
            assertThat(none.miaAuc()).isBetween(0.3, 0.7);
        }
    }
}
