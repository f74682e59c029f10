package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genosynth convert} writes what was asked for and nothing else: the .fam phenotypes only with --pheno-out. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void famPhenotypesGoToATableOnlyWhenAsked() throws IOException {
        CliRun plain = CliRun.of("convert", "--input", MouseTables.MOUSE + ".bed.gz", "--out",
                dir.resolve("mouse.vcf.gz").toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("mouse.vcf.gz", "mouse.vcf.gz.tbi");
        }
        assertThat(plain.out()).contains("6 sample column(s) not written", "--pheno-out FILE");
        CliRun asked = CliRun.of("convert", "--input", MouseTables.MOUSE + ".bed.gz", "--out",
                dir.resolve("m2.vcf.gz").toString(), "--pheno-out", dir.resolve("m2.fam-pheno.tsv").toString());
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        List<String> table = Files.readAllLines(dir.resolve("m2.fam-pheno.tsv"));
        assertThat(table).hasSize(1_940 + 1);
        assertThat(table.get(0)).startsWith("#FID\tIID\t");
    }
}
