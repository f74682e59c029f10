package org.genosynth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Chromosome names as plink2 reads them (its default human set): X, Y and MT are not autosomes, XY and 0 are. */
class ChromosomesTest {
    @Test
    void xYAndMtAreNotAutosomesWhateverTheirSpelling() {
        for (String c : new String[] {"X", "x", "chrX", "CHRX", "23", "chr23", "Y", "chrY", "24", "MT", "chrM", "M",
            "mt", "26"}) {
            assertThat(Chromosomes.isAutosome(c)).as(c).isFalse();
        }
        for (String c : new String[] {"1", "chr1", "22", "chr22", "19", "XY", "chrXY", "25", "0", "chrUn_gl000220",
            "2L", "chr", "X_random", "MTX", "27"}) {
            assertThat(Chromosomes.isAutosome(c)).as(c).isTrue();
        }
    }

    @Test
    void xIsNamedAsPlink2NamesIt() {
        assertThat(Chromosomes.isX("chrX")).isTrue();
        assertThat(Chromosomes.isX("x")).isTrue();
        assertThat(Chromosomes.isX("23")).isTrue();
        assertThat(Chromosomes.isX("XY")).isFalse();
        assertThat(Chromosomes.isX("X_random")).isFalse();
    }

    @Test
    void yIsNamedAsPlink2NamesIt() {
        assertThat(Chromosomes.isY("chrY")).isTrue();
        assertThat(Chromosomes.isY("y")).isTrue();
        assertThat(Chromosomes.isY("24")).isTrue();
        assertThat(Chromosomes.isY("XY")).isFalse();
        assertThat(Chromosomes.isY("2")).isFalse();
        assertThat(Chromosomes.isY("chrY_random")).isFalse();
    }
}
