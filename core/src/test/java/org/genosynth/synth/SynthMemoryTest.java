package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.GenotypeFormat;
import org.junit.jupiter.api.Test;

/** What synth holds of the synthetic genotypes at once, for its memory estimate before it starts. */
class SynthMemoryTest {
    private static SynthRequest request(Path pheno, boolean csv) {
        return new SynthRequest(Path.of("in.bed"), null, pheno, pheno == null ? null : List.of("1"), null, 0,
                1_000_000, null, SynthRequest.Method.MOSAIC, 1, "out", GenotypeFormat.BED, null, null, 2, 2, csv);
    }

    @Test
    void writtenGenotypesStreamInBlocksAndOnlyCsvOrPhenotypesHoldThemAll() {
        // 1,000,000 x 100,000 to .bed: five blocks of 1,024 variants (two per worker and the one being written)
        assertThat(Synthesizer.genotypeBytes(request(null, false), 1_000_000, 100_000, 2))
                .isEqualTo(250_000 * 5 * 1024.0);
        // the phenotype model analyses the whole synthetic cohort; CSV is written sample by sample
        assertThat(Synthesizer.genotypeBytes(request(Path.of("p.tsv"), false), 1_000_000, 100_000, 2))
                .isEqualTo(250_000 * 100_000.0);
        assertThat(Synthesizer.genotypeBytes(request(null, true), 1_000_000, 100_000, 2)).isEqualTo(250_000 * 100_000.0);
        // fewer variants than the blocks in flight: all of them
        assertThat(Synthesizer.genotypeBytes(request(null, false), 1000, 2000, 2)).isEqualTo(250 * 2000.0);
    }
}
