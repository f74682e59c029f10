package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synth --method context} on the first 3,000 variants of human_1kg_chr20's files (the generator's privacy and
 * LD are measured on the whole region in docs/synth.md; here its wiring): phased input drawn from, unphased input
 * phased first, phased output with fresh IDs, the same bytes at any thread count, strains refused.
 */
class ContextMethodCliTest {
    @TempDir
    static Path dir;
    static Path phased;
    static Path unphased;

    @BeforeAll
    static void heads() throws IOException {
        phased = KgHead.write("phased300.vcf.gz", 3_000, dir.resolve("phased.vcf"));
        unphased = KgHead.write("unphased203.vcf.gz", 3_000, dir.resolve("unphased.vcf"));
    }

    private static List<String> records(Path vcfGz) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(vcfGz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .toList();
        }
    }

    @Test
    void phasedInputGivesNewPhasedGenomesTheSameAtAnyThreadCount() throws IOException {
        CliRun one = CliRun.of("synth", "-t", "1", "--method", "context", "--input", phased.toString(), "--n", "60",
                "--output-format", "vcf", "--seed", "3", "--out", dir.resolve("c1").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        CliRun two = CliRun.of("synth", "-t", "2", "--method", "context", "--input", phased.toString(), "--n", "60",
                "--output-format", "vcf", "--seed", "3", "--out", dir.resolve("c2").toString());
        assertThat(two.exitCode()).as(two.err()).isZero();
        List<String> a = records(dir.resolve("c1.vcf.gz"));
        assertThat(a).hasSize(3_000).isEqualTo(records(dir.resolve("c2.vcf.gz")));
        assertThat(a.stream().flatMap(l -> Stream.of(l.split("\t")).skip(9))).hasSize(3_000 * 60)
                .allMatch(gt -> gt.matches("[01]\\|[01]"));
        String manifest = Files.readString(dir.resolve("c1.manifest.json"));
        assertThat(manifest).contains("\"method\": \"context\"", "\"support\": 4", "\"input\": \"phased\"",
                "\"copied_from_real_genomes\": \"nothing");
        String header = Files.readString(dir.resolve("c1.fam").getParent().resolve("c1.populations.tsv"));
        assertThat(header).doesNotContain("HG0").contains("SYN");
        // not copies: no synthetic genome equals a real one at every variant
        List<String> real = Files.readAllLines(phased).stream().filter(l -> !l.startsWith("#")).toList();
        for (int s = 0; s < 60; s++) {
            final int col = 9 + s;
            String g = a.stream().map(l -> l.split("\t")[col]).reduce("", String::concat);
            for (int r = 9; r < 9 + 300; r += 50) {
                final int rc = r;
                assertThat(g).isNotEqualTo(real.stream().map(l -> l.split("\t")[rc]).reduce("", String::concat));
            }
        }
    }

    @Test
    void unphasedInputIsPhasedFirstAndStrainsAreRefused() throws IOException {
        CliRun r = CliRun.of("synth", "--method", "context", "--input", unphased.toString(), "--n", "30",
                "--seed", "1", "--out", dir.resolve("u").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("u.manifest.json"))).contains("\"input\": \"phased statistically");
        Path geno = dir.resolve("strains.geno.txt.gz");
        StringBuilder sb = new StringBuilder();
        java.util.Random rng = new java.util.Random(5);
        for (int v = 0; v < 200; v++) {
            sb.append("rs").append(v).append(", A, G");
            for (int s = 0; s < 30; s++) {
                sb.append(", ").append(rng.nextInt(2));
            }
            sb.append('\n');
        }
        try (var out = new GZIPOutputStream(Files.newOutputStream(geno))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        CliRun strains = CliRun.of("synth", "--method", "context", "--input", geno.toString(), "--coding", "strain",
                "--seed", "1", "--out", dir.resolve("s").toString());
        assertThat(strains.exitCode()).isEqualTo(2);
        assertThat(strains.err().strip()).startsWith("genosynth: error: --method context draws diploid genomes")
                .doesNotContain("\n");
        assertThat(dir.resolve("s.manifest.json")).doesNotExist();
    }

    /**
     * With admixed genomes: the context sampler draws the real populations' genomes, the admixed ones come from their
     * tracts (it crashed here: the admixed groups were counted as populations of the sampler).
     */
    @Test
    void admixedGenomesBesideTheDrawnOnes() throws IOException {
        CliRun r = CliRun.of("synth", "--method", "context", "--input", phased.toString(), "--infer-populations", "2",
                "--admixed", "MIX=20:P1=0.5,P2=0.5", "--n", "60", "--seed", "1", "--out",
                dir.resolve("adm").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> labels = Files.readAllLines(dir.resolve("adm.populations.tsv"));
        assertThat(labels.stream().filter(l -> l.endsWith("\tMIX"))).hasSize(20);
        assertThat(Files.readAllLines(dir.resolve("adm.fam"))).hasSize(80);
        // the local-ancestry truth of the 20 admixed genomes
        assertThat(Files.readString(dir.resolve("adm.ancestry.tsv"))).contains("P1").contains("P2");
    }
}
