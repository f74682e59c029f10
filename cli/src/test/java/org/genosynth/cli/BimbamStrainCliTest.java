package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BIMBAM file of recombinant-inbred strains named as GEMMA's BXD example ({@code BXD_geno.txt.gz}, values 0/1):
 * recognised by content, the missing annotation stated with its consequence, the 0/1 coding detected by qc and
 * kinship, and read right with {@code --coding strain}.
 */
class BimbamStrainCliTest {
    private static final int STRAINS = 40;
    private static final int SNPS = 200;

    @TempDir
    Path dir;

    Path geno;
    double[] meanCode = new double[SNPS];

    @BeforeEach
    void write() throws IOException {
        geno = dir.resolve("BXD_geno.txt.gz");
        Random rng = new Random(15);
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < SNPS; v++) {
            double p = 0.2 + 0.6 * rng.nextDouble();
            sb.append("rs").append(v).append(", A, G");
            int sum = 0;
            for (int s = 0; s < STRAINS; s++) {
                int x = rng.nextDouble() < p ? 1 : 0;
                sum += x;
                sb.append(", ").append(x);
            }
            meanCode[v] = (double) sum / STRAINS;
            sb.append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(geno))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void recognisedByContentWithTheMissingAnnotationAndCodingStated() throws IOException {
        CliRun r = CliRun.of("qc", "--input", geno.toString(), "--out", dir.resolve("q").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("genosynth: note: BXD_geno.txt.gz: no BIMBAM annotation (looked for "
                + "BXD.anno.txt[.gz], BXD_anno.txt[.gz])", "chromosome 0", "--anno FILE").hasLineCount(1);
        assertThat(r.out()).contains("strains coded 0/1", "--coding strain").doesNotContain("BIMBAM annotation");
        // read as diploid, the frequencies are half the strain frequencies
        assertThat(altFreqs(dir.resolve("q.afreq"))[0]).isCloseTo(meanCode[0] / 2, org.assertj.core.data.Offset
                .offset(1e-6));
    }

    @Test
    void theMissingAnnotationIsStatedOnceOnStderrByGwasAndConvertToo() throws IOException {
        Path pheno = dir.resolve("pheno.txt");
        StringBuilder y = new StringBuilder();
        for (int s = 0; s < STRAINS; s++) {
            y.append(s % 3 == 0 ? "1.5" : s % 3 == 1 ? "0.25" : "-1").append('\n');
        }
        Files.writeString(pheno, y);
        CliRun g = CliRun.of("gwas", "--input", geno.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--out", dir.resolve("g").toString());
        CliRun c = CliRun.of("convert", "--input", geno.toString(), "--out", dir.resolve("c.bed").toString());
        for (CliRun r : List.of(g, c)) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).doesNotContain("BIMBAM annotation");
            assertThat(r.err()).startsWith("genosynth: note: BXD_geno.txt.gz: no BIMBAM annotation").hasLineCount(1);
        }
        assertThat(g.out()).contains("tested " + SNPS + " variants on " + STRAINS + " samples");
        // no variant placed: the Manhattan plot draws them across the whole width by index, not in a strip
        assertThat(Files.readString(dir.resolve("g.manhattan.svg")))
                .contains(">tested variants in table order (none has a chromosome position)</text>")
                .doesNotContain(">unplaced</text>");
    }

    @Test
    void strainCodingReadsAOneAsTheHomozygousAltStrain() throws IOException {
        Files.write(dir.resolve("BXD_anno.txt"), annotation());
        CliRun r = CliRun.of("qc", "--input", geno.toString(), "--coding", "strain", "--out",
                dir.resolve("s").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("annotation");
        assertThat(r.out()).contains("--coding strain: values read as 0/1 strain alleles",
                "genotype coding looks inbred").doesNotContain("strains coded 0/1 (no variant");
        double[] f = altFreqs(dir.resolve("s.afreq"));
        for (int v = 0; v < SNPS; v++) {
            assertThat(f[v]).as("rs" + v).isCloseTo(meanCode[v], org.assertj.core.data.Offset.offset(1e-6));
        }
        List<String> afreq = Files.readAllLines(dir.resolve("s.afreq"));
        assertThat(afreq.get(1)).startsWith("1\t");
        CliRun k = CliRun.of("kinship", "--input", geno.toString(), "--coding", "strain", "--out",
                dir.resolve("k").toString());
        assertThat(k.exitCode()).as(k.err()).isZero();
        assertThat(k.out()).contains("note: genotype coding looks inbred", "KING-robust kinship");
    }

    @Test
    void aValueAboveOneUnderStrainCodingAndAnUnknownFileAreOneLineErrors() throws IOException {
        Path two = dir.resolve("two.txt");
        Files.writeString(two, "rs1, A, G, 0, 2, 1\n");
        CliRun r = CliRun.of("qc", "--input", two.toString(), "--coding", "strain", "--out",
                dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).contains("two.txt:1", "above 1", "--coding strain").doesNotContain("Exception");
        Path junk = Files.writeString(dir.resolve("notes.txt"), "hello world\n");
        CliRun j = CliRun.of("qc", "--input", junk.toString(), "--out", dir.resolve("y").toString());
        assertThat(j.exitCode()).isEqualTo(Main.USER_ERROR);
        assertThat(j.err()).contains("notes.txt", "cannot tell the genotype format from the name or the content");
    }

    private static List<String> annotation() {
        List<String> lines = new ArrayList<>();
        for (int v = 0; v < SNPS; v++) {
            lines.add("rs" + v + ", " + (1000 + v * 1000) + ", 1");
        }
        return lines;
    }

    private static double[] altFreqs(Path afreq) throws IOException {
        List<String> lines = Files.readAllLines(afreq);
        String[] header = lines.get(0).split("\t");
        int col = List.of(header).indexOf("ALT_FREQS");
        double[] f = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            f[i - 1] = Double.parseDouble(lines.get(i).split("\t")[col]);
        }
        return f;
    }
}
