package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genosynth convert} writes what was asked for and nothing else: the .fam phenotypes only with --pheno-out, and
 * a --pheno-out that would write nothing (no per-sample columns, or an output that keeps them) is refused.
 */
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

    @Test
    void phenoOutThatWouldWriteNothingIsRefused() throws IOException {
        // the VCF written without --pheno-out has no per-sample columns: --pheno-out wrote nothing, silently
        Path vcf = dir.resolve("mouse.vcf.gz");
        assertThat(CliRun.of("convert", "--input", MouseTables.MOUSE + ".bed.gz", "--out", vcf.toString())
                .exitCode()).isZero();
        Path out = Files.createDirectory(dir.resolve("out"));
        CliRun none = CliRun.of("convert", "--input", vcf.toString(), "--out", out.resolve("again.vcf.gz").toString(),
                "--pheno-out", out.resolve("p.tsv").toString());
        assertThat(none.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(none.err()).startsWith("genosynth: error: ").hasLineCount(1)
                .contains("mouse.vcf.gz: has no per-sample columns", "for --pheno-out", "p.tsv");
        // a PLINK output keeps the .fam columns itself
        CliRun bed = CliRun.of("convert", "--input", MouseTables.MOUSE + ".bed.gz", "--out",
                out.resolve("m").toString(), "--output-format", "bed", "--pheno-out", out.resolve("p.tsv").toString());
        assertThat(bed.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(bed.err()).hasLineCount(1).contains("--pheno-out is for VCF/BCF output", "a bed output keeps them");
        try (var files = Files.list(out)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
