package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.testing.MouseData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbred cohort (the mice of chromosomes 1-2, every heterozygote made homozygous at random: strains): the kinship
 * guard measures identity by state, bounded by the cohort's own nearest relatives (KING divides by heterozygote counts
 * near 0), a numeric --max-kinship is refused, and the HMM draws inbred genomes (one haplotype, twice).
 */
class InbredSynthTest {
    @TempDir
    static Path dir;
    static Path inbred;

    @BeforeAll
    static void inbredCohort() {
        GenotypeMatrix mouse = GenotypeLoader.load(MouseData.plainFileset(dir, "mouse"), ReadOptions.defaults(), null);
        int n = 400;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        List<Variant> kept = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int v = 0; v < mouse.variantCount(); v++) {
            Variant x = mouse.variants().get(v);
            if ((x.chrom().equals("1") || x.chrom().equals("2")) && x.hasPosition()) {
                kept.add(x);
                rows.add(v);
            }
        }
        long[] words = new long[kept.size() * wpv];
        SplittableRandom r = new SplittableRandom(3);
        for (int j = 0; j < kept.size(); j++) {
            for (int s = 0; s < n; s++) {
                int c = mouse.code(rows.get(j), s);
                GenotypeCodes.set(words, j * wpv, s, c == GenotypeCodes.HET ? (r.nextBoolean() ? 0 : 2) : c);
            }
        }
        inbred = dir.resolve("inbred.bed");
        try (GenotypeWriter w = GenotypeFiles.create(inbred, GenotypeFormat.BED,
                mouse.samples().select(java.util.stream.IntStream.range(0, n).toArray()), WriteOptions.defaults())) {
            w.write(new VariantBlock(0, n, kept, words, null, null));
            w.commit();
        }
    }

    private static SynthRequest request(SynthRequest.Method method, SynthRequest.Mosaic mosaic, String out) {
        return new SynthRequest(inbred, null, null, null, null, 0, 200, null, method, 1, dir.resolve(out).toString(),
                GenotypeFormat.BED, mosaic, null, 0, 2);
    }

    @Test
    void hmmGenomesAreInbredAndTheGuardMeasuresIdentityByState() {
        SynthResult r = Synthesizer.run(request(SynthRequest.Method.HMM, null, "hmm"));
        GenotypeMatrix syn = GenotypeLoader.load(dir.resolve("hmm.bed"), ReadOptions.defaults(), null);
        long hets = 0;
        for (int v = 0; v < syn.variantCount(); v++) {
            hets += GenotypeCodes.counts(syn.words(), syn.offset(v), syn.sampleCount())[1];
        }
        assertThat(hets).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) r.manifest().get("kinship_check");
        assertThat((String) check.get("measure")).startsWith("identity-by-state share");
        // the bound is the cohort's own median nearest-relative IBS share, and every accepted genome is below it
        double bound = ((Number) check.get("threshold")).doubleValue();
        assertThat(bound).isBetween(0.5, 1.0);
        assertThat(r.maxKinship()).isLessThan(bound);
        assertThat(r.render()).contains("max IBS share to a real genome").doesNotContain("KING");
    }

    @Test
    void aNumericKinshipBoundIsRefusedForInbredCoding() {
        SynthRequest.Mosaic strict = new SynthRequest.Mosaic(20, 100, 10, 0, 0.177, false, 1.0, Double.NaN);
        assertThatThrownBy(() -> Synthesizer.run(request(SynthRequest.Method.MOSAIC, strict, "strict")))
                .isInstanceOf(InputException.class).hasMessageContaining("identity by state");
    }
}
