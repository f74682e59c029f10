package org.genosynth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A block sent to another process keeps its variants exactly, written as plain fields rather than records. */
class VariantBlockSerializationTest {
    @Test
    void variantsComeBackEqualAcrossChromosomesUnknownValuesAndLongAlleles() throws Exception {
        String longAllele = "ACGT".repeat(20_000);   // beyond writeUTF's 65,535 bytes
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("1", 10, "rs1", "A", "G", 0.5));
        variants.add(new Variant("1", 20, ".", "C", Variant.MISSING_ALLELE, Double.NaN));
        variants.add(new Variant("chrX", -9, "x:1", longAllele, "T", 12.25));
        variants.add(new Variant("chrX", 40, "é-ü", "T", longAllele.substring(1), Double.NaN));
        variants.add(new Variant("1", 50, "back", "G", "A", 1e-300));
        int samples = 70;
        long[] words = new long[variants.size() * GenotypeCodes.wordsPerVariant(samples)];
        for (int i = 0; i < words.length; i++) {
            words[i] = 0x1234_5678_9abc_def0L * (i + 1);
        }
        VariantBlock block = new VariantBlock(7, samples, variants, words, null, null);

        VariantBlock back = roundTrip(block);

        assertThat(back.variants()).isEqualTo(variants);
        assertThat(back.firstIndex()).isEqualTo(7);
        assertThat(back.sampleCount()).isEqualTo(samples);
        assertThat(back.genotypeWords()).isEqualTo(words);
    }

    @Test
    void anEmptyBlockComesBackEmpty() throws Exception {
        VariantBlock back = roundTrip(new VariantBlock(0, 3, List.of(), new long[0], null, null));
        assertThat(back.variants()).isEmpty();
    }

    private static VariantBlock roundTrip(VariantBlock block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(block);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (VariantBlock) in.readObject();
        }
    }
}
