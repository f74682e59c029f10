package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bgzipped VCF whose last 28 bytes (the empty BGZF end-of-file block) are cut: every command that reads it succeeds
 * and prints one warning line on stderr, once, from the one VCF reader (was: a {@code note:} on stdout from qc,
 * convert, gwas and spike only, nothing from the others). The intact file gives no warning.
 */
class BgzfEofWarningTest {
    @TempDir
    Path d;

    @BeforeEach
    void inputs() throws IOException {
        BadInputCorpusTest.all(d);
        for (String name : List.of("v.vcf", "cohort.vcf")) {
            byte[] text = Files.readAllBytes(d.resolve(name));
            Path gz = d.resolve(name + ".gz");
            try (OutputStream o = new BlockCompressedOutputStream(gz.toFile())) {
                o.write(text);
            }
            byte[] b = Files.readAllBytes(gz);
            Files.write(d.resolve("cut-" + name + ".gz"), Arrays.copyOf(b, b.length - 28));
        }
        Files.createDirectories(d.resolve("out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "qc -t 1 --input {v} --out {d}/out/q",
        "convert -t 1 --input {v} --out {d}/out/c.bed",
        "kinship -t 1 --input {v} --out {d}/out/k",
        "pca -t 1 --input {v} --pcs 2 --out {d}/out/p",
        "ld -t 1 --input {v} --indep-pairwise 50 5 0.2 --out {d}/out/l",
        "split --input {v} --fraction 0.5 --seed 1 --out {d}/out/sp",
        "synth -t 1 --input {v} --method hmm --seed 1 --out {d}/out/s",
        "evaluate -t 1 --real {v} --synthetic {d}/v.vcf --out {d}/out/e",
        "pheno simulate -t 1 --input {v} --causal 2 --h2 0.5 --seed 1 --out {d}/out/ph",
        "relatives --input {v} --pedigree full-siblings=2 --seed 1 --out {d}/out/r",
        "gwas -t 1 --input {v} --pheno {d}/p.tsv --pheno-col y --model linear --out {d}/out/g",
        "reads --reference {d}/ref.fa --vcf {c} --sample A1 --coverage 2 --read-length 50 --fragment-mean 150 "
                + "--fragment-sd 10 -t 1 --out {d}/out/r",
        "spike --input {c} --variants {d}/spikes.vcf --design {d}/design.yaml --out {d}/out/sp"})
    void everyCommandWarnsOnceOnStderr(String command) {
        CliRun cut = run(command, "cut-");
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        List<String> warnings = cut.err().lines().filter(l -> l.contains("BGZF")).toList();
        assertThat(warnings).as(cut.err()).hasSize(1);
        assertThat(warnings.get(0)).startsWith("genosynth: warning: ").contains("/cut-")
                .contains(".vcf.gz has no BGZF EOF marker: the file may be truncated");
        assertThat(cut.out()).doesNotContain("BGZF");
        CliRun intact = run(command, "");
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.err() + intact.out()).doesNotContain("BGZF");
    }

    private CliRun run(String command, String prefix) {
        String[] args = Arrays.stream(command.split(" ")).map(a -> a.replace("{v}", d + "/" + prefix + "v.vcf.gz")
                .replace("{c}", d + "/" + prefix + "cohort.vcf.gz").replace("{d}", d.toString())).toArray(String[]::new);
        return CliRun.of(args);
    }
}
