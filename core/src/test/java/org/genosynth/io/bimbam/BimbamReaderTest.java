package org.genosynth.io.bimbam;

import static org.assertj.core.api.Assertions.assertThat;

import org.genosynth.model.Sample;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Test;

class BimbamReaderTest {
    @Test
    void readsTheMouseSetWithAnnotationAndFam() {
        BimbamTestData.Cohort mouse = BimbamTestData.mouse();
        assertThat(mouse.variantCount()).isEqualTo(12_226);
        assertThat(mouse.sheet().size()).isEqualTo(1_940);
        Sample first = mouse.sheet().samples().get(0);
        assertThat(first.familyId()).isEqualTo("1_3");
        assertThat(first.id()).isEqualTo("A048005080");
        assertThat(mouse.sheet().columns().names()).containsExactly("PHENO1", "PHENO2", "PHENO3", "PHENO4",
                "PHENO5", "PHENO6");
        assertThat(mouse.sheet().columns().observedCount(0)).isEqualTo(1_410);
        assertThat(mouse.notes()).isEmpty();
    }

    @Test
    void keepsEveryNonIntegerDosage() {
        int nonInteger = 0;
        int unknownPositions = 0;
        int codeMismatches = 0;
        for (VariantBlock b : BimbamTestData.mouse().blocks()) {
            for (int i = 0; i < b.variantCount(); i++) {
                unknownPositions += b.variant(i).position() == -9 ? 1 : 0;
                float[] d = b.dosages(i);
                for (int s = 0; s < d.length; s++) {
                    nonInteger += d[s] != Math.rint(d[s]) ? 1 : 0;
                    codeMismatches += b.code(i, s) == Math.round(d[s]) ? 0 : 1;
                }
            }
        }
        assertThat(nonInteger).isEqualTo(19_196);
        assertThat(unknownPositions).isEqualTo(1_926);
        assertThat(codeMismatches).isZero();
    }

    @Test
    void spotValuesMatchTheText() {
        // zcat mouse_hs1940.geno.txt.gz | awk -F', ' '...': line 1 sample 702 = 1.26, line 3663 sample 237 = 0.193,
        // line 12225 sample 1579 = 0.538; the last line is "rs6193060, A, G, 2, 0, ..., 0"
        assertThat(dosage(0, 701)).isEqualTo(1.26f);
        assertThat(dosage(3662, 236)).isEqualTo(0.193f);
        assertThat(dosage(12224, 1578)).isEqualTo(0.538f);
        assertThat(code(3662, 236)).isZero();
        assertThat(code(0, 701)).isEqualTo(1);
        assertThat(dosage(12225, 0)).isEqualTo(2f);
        assertThat(dosage(12225, 1939)).isEqualTo(0f);
    }

    @Test
    void variantsTakeTheirAnnotation() {
        Variant first = variant(0);
        assertThat(first).isEqualTo(new Variant("1", 3_197_400, "rs3683945", "G", "A", 0.0));
        Variant last = variant(12_225);
        assertThat(last).isEqualTo(new Variant("19", 61_221_468, "rs6193060", "G", "A", 54.0667));
        // anno line 27: gnf01.004.225 NA 1 1.18843
        Variant unknown = variant(26);
        assertThat(unknown.id()).isEqualTo("gnf01.004.225");
        assertThat(unknown.hasPosition()).isFalse();
        assertThat(unknown.chrom()).isEqualTo("1");
        assertThat(unknown.centimorgan()).isEqualTo(1.18843);
    }

    private static VariantBlock blockOf(int variant) {
        return BimbamTestData.mouse().blocks().get(variant / 1000);
    }

    private static float dosage(int variant, int sample) {
        return blockOf(variant).dosages(variant % 1000)[sample];
    }

    private static int code(int variant, int sample) {
        return blockOf(variant).code(variant % 1000, sample);
    }

    private static Variant variant(int variant) {
        return blockOf(variant).variant(variant % 1000);
    }
}
