package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.genosynth.io.GenotypeLoader;

/**
 * {@code genosynth synth} through the command line on the real mouse_hs1940 cohort: a small run with labelled
 * populations writes every output with fresh IDs and the requested counts; user errors exit 2 with one stderr line
 * and leave nothing behind.
 */
class SynthCommandTest {
    private static final Path MOUSE = Path.of("../../shared/data/mouse_hs1940/mouse_hs1940.bed.gz");

    @TempDir
    Path dir;

    /**
     * Binds java.util.logging's console handler to the real stderr before any command runs: otherwise it binds to
     * whichever stream CliRun is capturing when the first logger fires (netlib's INFO lines when PCA first loads BLAS),
     * and those lines land in a test's stderr depending on the test order.
     */
    @org.junit.jupiter.api.BeforeAll
    static void loggingToTheRealStderr() {
        java.util.logging.Logger.getLogger("").getHandlers();
    }

    @Test
    void labelledPopulationsGetTheirCountsAndFreshIds() throws IOException {
        // two populations: the first 1,000 mice and the rest
        Path pops = mouseLabels(1000, "pops.txt");
        CliRun r = CliRun.of("synth", "-t", "2", "--method", "mosaic", "--input", MOUSE.toString(), "--populations",
                pops.toString(),
                "--per-population", "A=50,B=70", "--segment-cm", "20", "--max-kinship", "none", "--seed", "4",
                "--out", dir.resolve("syn").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("synthesized 120 samples x 12,226 variants (mosaic)").contains("A=50, B=70");
        java.util.List<String> synFam = Files.readAllLines(dir.resolve("syn.fam"));
        assertThat(synFam).hasSize(120).allMatch(l -> l.startsWith("SYN"));
        assertThat(Files.readAllLines(dir.resolve("syn.populations.tsv")).stream().skip(1)
                .filter(l -> l.endsWith("\tB")).count()).isEqualTo(70);
        assertThat(Files.readString(dir.resolve("syn.manifest.json"))).contains("\"sha256\"").contains("\"seed\": 4");
    }

    @Test
    void statisticalPhasingMakesHaplotypeMosaicsOfUnphasedInput() throws IOException {
        // unphased203 has one unphased sample among phased ones: without the flag the mosaic is genotype-level; its
        // first 3,000 variants (the phasing's accuracy is LiStephensPhasingTest's; this is the wiring)
        Path vcf = KgHead.write("unphased203.vcf.gz", 3_000, dir.resolve("unphased203.head.vcf"));
        CliRun r = CliRun.of("synth", "-t", "2", "--method", "mosaic", "--input", vcf.toString(), "--donor-pool",
                "population", "--segment-cm", "0.2", "--statistical-phasing", "--n", "40", "--max-kinship", "none",
                "--output-format", "vcf", "--seed", "2", "--out", dir.resolve("sp").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String manifest = Files.readString(dir.resolve("sp.manifest.json"));
        assertThat(manifest).contains("\"level\": \"haplotype (input phased statistically: cluster-model draw, Li-Stephens refinement)\"")
                .contains("\"output_phase\": \"kept (GT a|b)\"");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("sp.vcf.gz")))) {
            java.util.List<String> gts = new String(in.readAllBytes()).lines().filter(l -> !l.startsWith("#"))
                    .limit(200).flatMap(l -> Stream.of(l.split("\t")).skip(9)).toList();
            assertThat(gts).hasSize(200 * 40).allMatch(gt -> gt.matches("[01.]\\|[01.].*"));
        }
        // the hmm phases unphased input itself
        CliRun hmm = CliRun.of("synth", "--method", "hmm", "--input", vcf.toString(), "--statistical-phasing", "--seed", "1",
                "--out", dir.resolve("hmm").toString());
        assertThat(hmm.exitCode()).isEqualTo(2);
        assertThat(hmm.err().strip()).startsWith("genosynth: error: --statistical-phasing is a mosaic setting")
                .doesNotContain("\n");
    }

    /** A population label file for the mice: population A for the first {@code inA} of the .fam, B for the rest. */
    private Path mouseLabels(int inA, String name) throws IOException {
        StringBuilder labels = new StringBuilder();
        java.util.List<String> fam = new java.util.ArrayList<>();
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
                Path.of("../../shared/data/mouse_hs1940/mouse_hs1940.fam.gz")))) {
            new String(in.readAllBytes()).lines().forEach(fam::add);
        }
        for (int i = 0; i < fam.size(); i++) {
            String[] f = fam.get(i).split("\\s+");
            labels.append(f[0]).append(' ').append(f[1]).append(' ').append(i < inA ? "A" : "B").append('\n');
        }
        return Files.writeString(dir.resolve(name), labels);
    }

    @Test
    void anExplicitMosaicFitsItsLengthWithinTheGivenPopulations() throws IOException {
        // without --segment-cm the length is fitted on an inner split whose mosaics draw donors from their own
        // population, as the run does (a population of 300 mice: every fitted mosaic's donors among them)
        Path pops = mouseLabels(300, "pops-fit.txt");
        CliRun r = CliRun.of("synth", "-t", "2", "--method", "mosaic", "--input", MOUSE.toString(), "--populations",
                pops.toString(), "--per-population", "A=30,B=30", "--max-kinship", "none", "--seed", "5", "--out",
                dir.resolve("fit").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.Map<String, Object> manifest = new org.yaml.snakeyaml.Yaml().load(
                Files.readString(dir.resolve("fit.manifest.json")));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> fit = (java.util.Map<String, Object>) manifest.get("segment_fit");
        // the fit's inner mosaics drew their donors within the two populations (before: the whole cohort)
        assertThat(fit).containsEntry("inner_mosaic_donors", "within each of 2 populations, as the run draws them");
        assertThat(Files.readAllLines(dir.resolve("fit.populations.tsv")).stream().skip(1)
                .filter(l -> l.endsWith("\tA")).count()).isEqualTo(30);
    }

    @Test
    void csvOutputHoldsTheSameGenotypesAsTheBedOutputOfTheSameSeed() throws IOException {
        for (String format : new String[] {"csv", "bed"}) {
            CliRun r = CliRun.of("synth", "-t", "2", "--method", "mosaic", "--input", MOUSE.toString(), "--n", "60",
                    "--segment-cm", "20",
                    "--seed", "9", "--output-format", format, "--out", dir.resolve(format).toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        org.genosynth.model.GenotypeMatrix bed = org.genosynth.io.GenotypeLoader.load(dir.resolve("bed"),
                org.genosynth.io.ReadOptions.defaults(), null);
        java.util.List<String> rows = Files.readAllLines(dir.resolve("csv.snp.csv"));
        assertThat(rows).hasSize(61);
        String[] header = rows.get(0).split(",", -1);
        assertThat(header).hasSize(1 + bed.variantCount());
        assertThat(header[0]).isEqualTo("SampleID");
        long missing = 0;
        for (int s = 0; s < 60; s++) {
            String[] f = rows.get(1 + s).split(",", -1);
            assertThat(f[0]).isEqualTo(bed.samples().samples().get(s).id()).startsWith("SYN");
            for (int v = 0; v < bed.variantCount(); v++) {
                int c = bed.code(v, s);
                assertThat(f[1 + v]).as("sample %d variant %d", s, v)
                        .isEqualTo(c == org.genosynth.model.GenotypeCodes.MISSING ? "NA" : Integer.toString(c));
                missing += c == org.genosynth.model.GenotypeCodes.MISSING ? 1 : 0;
            }
        }
        // (mouse_hs1940 has no missing call: the NA path is not exercised here)
        assertThat(missing).isZero();
        java.util.List<String> map = Files.readAllLines(dir.resolve("csv.variant_map.csv"));
        assertThat(map.get(0)).isEqualTo("CHROM,POS,ID,REF,ALT,cM");
        assertThat(map).hasSize(1 + bed.variantCount());
        // the .bim of the bed output (chrom, id, cM, pos, A1 = counted ALT, A2 = REF) says the same
        java.util.List<String> bim = Files.readAllLines(dir.resolve("bed.bim"));
        for (int v = 0; v < bed.variantCount(); v += 97) {
            String[] m = map.get(1 + v).split(",", -1);
            String[] b = bim.get(v).split("\t");
            assertThat(m[2]).isEqualTo(header[1 + v]).isEqualTo(b[1]);
            assertThat(m[0]).isEqualTo(b[0]);
            assertThat(m[4]).isEqualTo(b[4]);
            assertThat(m[3]).isEqualTo(b[5]);
        }
        assertThat(Files.exists(dir.resolve("csv.bed"))).isFalse();
    }

    @Test
    void userErrorsExitTwoWithOneLine() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--method", "gan", "--seed", "1", "--out",
                out.resolve("x").toString())).contains("--method must be auto, hmm, mosaic, ldp or context");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--per-population", "P9=10",
                "--infer-populations", "2", "--seed", "1", "--out", out.resolve("x").toString()))
                .contains("no population 'P9'");
        Path labels = Files.writeString(dir.resolve("labels.txt"), "x y A\n");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--populations", labels.toString(),
                "--seed", "1", "--out", out.resolve("x").toString())).contains("labels.txt")
                .contains("no population label for sample");
        // --admixed: its syntax, its source populations and the generators that can make admixed genomes
        String x = out.resolve("x").toString();
        String[][] cases = {
            {"MIX=10", "--admixed expects NAME=COUNT:POP=W,POP=W..."},
            {"MIX=10:P1=0.5", "give at least two source populations"},
            {"MIX=10:P1=0.5,P1=0.5", "population 'P1' is given twice"},
            {"MIX=10.5:P1=0.5,P2=0.5", "the count must be a whole number"},
            {"MIX=10:P1=-1,P2=0.5", "the weight of P1 must be a positive"},
            {"MIX=10:P1=0.5,P7=0.5", "no population 'P7'"},
            {"P1=10:P1=0.5,P2=0.5", "a real population has that name"}};
        for (String[] c : cases) {
            assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--infer-populations", "2", "--admixed",
                    c[0], "--seed", "1", "--out", x)).as(c[0]).contains(c[1]);
        }
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--admixed", "MIX=10:P1=0.5,P2=0.5",
                "--seed", "1", "--out", x)).contains("--admixed needs the source populations");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--infer-populations", "2", "--method", "ldp",
                "--admixed", "MIX=10:P1=0.5,P2=0.5", "--seed", "1", "--out", x)).contains("--method ldp");
        assertThat(userError(out, "synth", "--input", MOUSE.toString(), "--infer-populations", "2", "--admixed",
                "MIX=10:P1=0.5,P2=0.5", "--admixture-generations", "0", "--seed", "1", "--out", x))
                .contains("--admixture-generations must be in (0, 1000]");
    }

    private String userError(Path outDir, String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("genosynth: error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
        return r.err().strip();
    }
}
