package org.genosynth.assoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.model.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisSamplesTest {
    @TempDir
    Path dir;

    /** The note about samples left out names the column, also when --pheno-col gave its number. */
    @Test
    void missingPhenotypeNoteNamesTheColumnChosenByNumber() throws IOException {
        Path pheno = dir.resolve("pheno.txt");
        Files.writeString(pheno, "FID\tIID\tCD8\tMCH\tbatch\n"
                + "a\ta\t0.5\t1\tB1\n"
                + "b\tb\tNA\t2\tB2\n"
                + "c\tc\t-9\t3\tB1\n"
                + "d\td\t1.5\t4\tB2\n"
                + "e\te\t2.5\t5\tB1\n");
        List<Sample> cohort = List.of(Sample.of("a"), Sample.of("b"), Sample.of("c"), Sample.of("d"), Sample.of("e"));
        GwasRequest request = new GwasRequest(dir.resolve("g.bed"), null, pheno, "1", null, null,
                Model.LINEAR, dir.resolve("out").toString(), 1);
        AnalysisSamples s = AnalysisSamples.load(request, cohort, false);
        assertThat(s.keep()).containsExactly(0, 3, 4);
        assertThat(s.notes()).contains("2 samples without phenotype 'CD8' left out");
    }
}
