package org.genosynth.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.genosynth.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands covered by the Spark backend (qc, gwas linear, logistic, lmm and lmm-loco, kinship, randomized pca,
 * ld, pheno simulate, evaluate's privacy and LD decay, synth's mosaic generation) write the same bytes with
 * {@code --backend spark} on {@code local[2]} as with {@code --backend local}, on the bundled mouse_hs1940 cohort
 * (1,940 mice, 12,226 variants; evaluate and the hmm synth on a subset of it). One Spark context serves the whole
 * class; each Spark run must have run Spark jobs.
 */
class SparkCommandsTest {
    private static final String MOUSE = "../examples/mouse_hs1940/mouse_hs1940";
    private static final String PHENO = MOUSE + ".pheno.txt.gz";
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("genosynth-test")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.log.level", "WARN"));
        SparkBackendProvider.share(spark);
    }

    @AfterAll
    static void stopSpark() {
        SparkBackendProvider.share(null);
        spark.stop();
    }

    @Test
    void qcWithFiltersAndHet() throws IOException {
        assertSameOutputs("qc", "--input", MOUSE, "--maf", "0.05", "--geno", "0.05", "--hwe", "1e-8", "--mind", "0.1",
                "--het", "--threads", "2");
    }

    @Test
    void gwasLinearAndLogistic() throws IOException {
        assertSameOutputs("gwas", "--input", MOUSE, "--pheno", PHENO, "--pheno-col", "1", "--model", "linear",
                "--threads", "2");
        assertSameOutputs("gwas", "--input", MOUSE, "--pheno", PHENO, "--pheno-col", "4", "--model", "logistic",
                "--threads", "2");
    }

    @Test
    void gwasLmm() throws IOException {
        assertSameOutputs("gwas", "--input", MOUSE, "--pheno", PHENO, "--pheno-col", "1", "--model", "lmm",
                "--threads", "2");
    }

    @Test
    void gwasLmmLoco() throws IOException {
        // each of its ~140 genotype passes (conjugate-gradient iterations) is a Spark job
        assertSameOutputs("gwas", "--input", MOUSE, "--pheno", PHENO, "--pheno-col", "1", "--model", "lmm-loco",
                "--threads", "2");
    }

    @Test
    void kinshipTable() throws IOException {
        assertSameOutputs("kinship", "--input", MOUSE, "--min-kinship", "0.1", "--threads", "2");
    }

    @Test
    void randomizedPca() throws IOException {
        assertSameOutputs("pca", "--input", MOUSE, "--approx", "--pcs", "4", "--threads", "2");
    }

    @Test
    void phenoSimulateWithAPolygenicBackground() throws IOException {
        assertSameOutputs("pheno", "simulate", "--input", MOUSE, "--causal", "20", "--h2", "0.6", "--h2-causal",
                "0.2", "--traits", "2", "--genetic-corr", "0.5", "--seed", "7", "--threads", "2");
    }

    @Test
    void ldTableAndPruning() throws IOException {
        assertSameOutputs("ld", "--input", MOUSE, "--indep-pairwise", "50", "5", "0.5", "--table", "--threads", "2");
    }

    @Test
    void evaluatePrivacyAndFidelity() throws IOException {
        // on the mouse subset (see mouseSubset): KING over all pairs of a quarter of the mice, on a quarter of the
        // variants, costs about a 64th
        String subset = mouseSubset().toString();
        assertSameOutputs("evaluate", "--real", subset, "--synthetic", subset, "--threads", "2");
    }

    @Test
    void synthMosaic() throws IOException {
        assertSameOutputs("synth", "--input", MOUSE, "--n", "200", "--method", "mosaic", "--segment-cm", "5",
                "--seed", "3", "--threads", "2");
    }

    @Test
    void synthHmmWithAdmixedGenomes() throws IOException {
        // the haplotype-cluster model travels with the block generator; admixed genomes and their truth file. The EM
        // fit (16 sample batches on the backend) dominates, so it runs on the mouse subset (see mouseSubset): 6 s a
        // run instead of 23 s, with the same steps
        Path subset = mouseSubset();
        assertSameOutputs("synth", "--input", subset.toString(), "--method", "hmm", "--infer-populations", "2",
                "--admixed", "MIX=30:P1=0.5,P2=0.5", "--n", "30", "--clusters", "4", "--em-iterations", "2",
                "--no-families", "--seed", "3", "--threads", "2");
    }

    @Test
    void synthHmmWithMissingCalls() throws Exception {
        // the genomes drawn from the model get the training cohort's missing calls (MissingCalls, shipped in the row
        // builder): plink2 --dummy genotypes with 10 % of the calls missing
        Process p = new ProcessBuilder("plink2", "--dummy", "120", "2000", "0.1", "acgt", "--seed", "4", "--make-bed",
                "--out", dir.resolve("missing").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        assertSameOutputs("synth", "--input", dir.resolve("missing").toString(), "--method", "hmm", "--n", "60",
                "--clusters", "4", "--em-iterations", "2", "--no-families", "--seed", "3", "--threads", "2");
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(dir)) {
            manifests = s.filter(f -> f.getFileName().toString().equals("out.manifest.json")).toList();
        }
        assertThat(manifests).hasSize(2);
        for (Path manifest : manifests) {
            assertThat(Files.readString(manifest)).contains("\"missing_calls\"");
        }
    }

    @Test
    void qcAndGwasOnAPlainBimbamFile() throws Exception {
        // executors parse the rows of their blocks' line ranges: 3,000 rows of the mouse BIMBAM file, unzipped
        Path geno = dir.resolve("mouse.geno.txt");
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(Path.of(MOUSE + ".geno.txt.gz")))))) {
            Files.write(geno, in.lines().limit(3000).toList());
        }
        gunzip(Path.of(MOUSE + ".anno.txt.gz"), dir.resolve("mouse.anno.txt"));
        gunzip(Path.of(MOUSE + ".fam.gz"), dir.resolve("mouse.fam"));
        assertSameOutputs("qc", "--input", geno.toString(), "--maf", "0.05", "--geno", "0.05", "--hwe", "1e-8",
                "--mind", "0.1", "--threads", "2");
        assertSameOutputs("gwas", "--input", geno.toString(), "--pheno", PHENO, "--pheno-col", "1", "--model",
                "linear", "--threads", "2");
    }

    @Test
    void qcAndGwasOnAnIndexedVcf() throws Exception {
        // executors decode their blocks' records from BGZF offsets: 1000 Genomes chr20:1.0-1.3 Mb, 300 samples,
        // bgzipped and indexed (.csi) by bcftools
        Path vcf = dir.resolve("chr20.vcf.gz");
        Path full = Path.of(System.getProperty("genosynth.shared", "../../shared"), "data",
                "human_1kg_chr20/phased300.vcf.gz");
        assertThat(new ProcessBuilder("bcftools", "view", "-r", "20:1000000-1300000", "-Oz", "-o", vcf.toString(),
                full.toString()).inheritIO().start().waitFor()).isZero();
        assertThat(new ProcessBuilder("bcftools", "index", vcf.toString()).inheritIO().start().waitFor()).isZero();
        assertThat(Files.exists(Path.of(vcf + ".csi"))).isTrue();
        Path pheno = dir.resolve("chr20.pheno.txt");
        java.util.Random random = new java.util.Random(20);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(String.valueOf(random.nextGaussian()));
        }
        Files.write(pheno, rows);
        assertSameOutputs("qc", "--input", vcf.toString(), "--maf", "0.01", "--hwe", "1e-6", "--threads", "2");
        assertSameOutputs("gwas", "--input", vcf.toString(), "--pheno", pheno.toString(), "--pheno-col", "1",
                "--model", "linear", "--threads", "2");
    }

    /**
     * A quarter of the mice (every 4th) on chromosomes 1-3 (485 x 2,849: 3 of the 1,024-variant blocks), written by
     * {@code convert --keep --extract}: for the commands whose cost grows with the samples squared or whose fit
     * dominates, the same steps on the backend in a fraction of the time.
     */
    private Path mouseSubset() throws IOException {
        Path keep = dir.resolve("keep.txt");
        Path extract = dir.resolve("extract.txt");
        List<String> fam = gunzipLines(Path.of(MOUSE + ".fam.gz"));
        Files.write(keep, java.util.stream.IntStream.range(0, fam.size()).filter(i -> i % 4 == 0)
                .mapToObj(i -> fam.get(i).split("\\s+")[0] + " " + fam.get(i).split("\\s+")[1]).toList());
        Files.write(extract, gunzipLines(Path.of(MOUSE + ".bim.gz")).stream().map(l -> l.split("\\s+"))
                .filter(f -> f[0].equals("1") || f[0].equals("2") || f[0].equals("3")).map(f -> f[1]).toList());
        Path subset = dir.resolve("mouse_subset");
        assertThat(Main.execute(new String[] {"convert", "--input", MOUSE, "--keep", keep.toString(), "--extract",
                extract.toString(), "--out", subset + ".bed"})).isZero();
        assertThat(Files.readAllLines(Path.of(subset + ".fam"))).hasSize(485);
        assertThat(Files.readAllLines(Path.of(subset + ".bim"))).hasSize(2849);
        return subset;
    }

    private static List<String> gunzipLines(Path gz) throws IOException {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(gz))))) {
            return in.lines().toList();
        }
    }

    private static void gunzip(Path gz, Path out) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out);
        }
    }

    /** Runs {@code args} once per backend into its own directory and compares every output file byte for byte. */
    private void assertSameOutputs(String... args) throws IOException {
        String name = args[0] + "-" + Integer.toHexString(String.join("-", args).hashCode());
        Path local = Files.createDirectories(dir.resolve(name).resolve("local"));
        Path onSpark = Files.createDirectories(dir.resolve(name).resolve("spark"));
        assertThat(run(args, local, "local")).isZero();
        int jobsBefore = spark.statusTracker().getJobIdsForGroup(null).length;
        assertThat(run(args, onSpark, "spark")).isZero();
        assertThat(spark.statusTracker().getJobIdsForGroup(null).length).as("Spark jobs run").isGreaterThan(jobsBefore);
        List<Path> outputs = files(local);
        assertThat(outputs).isNotEmpty();
        assertThat(files(onSpark)).isEqualTo(outputs);
        for (Path relative : outputs) {
            Path file = local.resolve(relative);
            Path other = onSpark.resolve(relative);
            if (file.toString().endsWith(".json")) {
                // a manifest names its own output paths
                assertThat(Files.readString(other).replace(onSpark.toString(), "OUT"))
                        .isEqualTo(Files.readString(file).replace(local.toString(), "OUT"));
            } else if (file.toString().endsWith(".lmm.log.tsv")) {
                // the LMM log notes its own run time
                assertThat(withoutTimings(other)).isEqualTo(withoutTimings(file));
            } else {
                assertThat(Files.mismatch(file, other)).as(relative.toString()).isEqualTo(-1L);
            }
        }
    }

    private static List<String> withoutTimings(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> !line.startsWith("note\tseconds:")).toList();
    }

    private static int run(String[] args, Path outDir, String backend) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", outDir.resolve("out").toString(), "--backend", backend));
        if (backend.equals("spark")) {
            all.addAll(List.of("--spark-master", "local[2]"));
        }
        return Main.execute(all.toArray(String[]::new));
    }

    /** The regular files under {@code dir} (commands with an output directory, e.g. evaluate), relative to it. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
