package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad inputs and options across every reader and command. Each case builds valid files in a fresh
 * directory, breaks one thing, runs the command line and asserts the user-error contract: exit code 2, exactly one
 * stderr line {@code genosynth: error: ...} (with the expected words), no stack trace, no Java class name or raw parser
 * text, and the directory byte-identical afterwards (inputs unchanged, no output and no temporary file left).
 */
class BadInputCorpusTest {
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b(java|javax|htsjdk|picocli|org\\.genosynth)\\.[a-z]|\\b[A-Z]\\w*(Exception|Error)\\b|For input string"
                    + "|\\bat [a-z]+\\.[a-z]");
    private static final int SAMPLES = 40;
    private static final int VARIANTS = 30;

    @TempDir
    Path dir;

    /** One bad input: files to make (then break), the command line ({d} = the case directory), expected words. */
    record Case(String name, Setup setup, String args, String... expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Setup {
        void make(Path d) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineAndNothingChanged(Case c) throws IOException {
        c.setup().make(dir);
        Files.createDirectories(dir.resolve("out"));
        Map<String, String> before = snapshot(dir);
        String[] args = Arrays.stream(c.args().split(" ")).map(a -> a.replace("{d}", dir.toString()))
                .map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        String what = c.name() + ": " + c.args() + "\nstderr:\n" + r.err();
        assertThat(r.exitCode()).as(what).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).as(what).startsWith("genosynth: error: ").endsWith("\n");
        assertThat(r.err().strip().lines().count()).as("one line: " + what).isEqualTo(1);
        assertThat(JAVA_NAMES.matcher(r.err()).find()).as("Java names or parser text: " + what).isFalse();
        for (String word : c.expect()) {
            assertThat(r.err()).as(what).contains(word.replace("{d}", dir.toString()));
        }
        assertThat(snapshot(dir)).as("files changed or left: " + what).isEqualTo(before);
    }

    @Test
    void theCorpusHasAtLeast150CasesWithDistinctNames() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(all.stream().map(Case::name).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void theValidFixturesRun() throws IOException {
        // positive controls: without the breakage, the same commands succeed
        for (String args : List.of("qc -t 1 --input {d}/g --out {d}/out/q", "qc -t 1 --input {d}/v.vcf --out {d}/out/q",
                "qc -t 1 --input {d}/b.geno.txt --out {d}/out/q",
                "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model linear --out {d}/out/gw",
                "table synth --input {d}/t.csv --seed 1 --out {d}/out/t.csv",
                "spike --input {d}/cohort.vcf --variants {d}/spikes.vcf --design {d}/design.yaml --out {d}/out/sp",
                "reads --reference {d}/ref.fa --vcf {d}/cohort.vcf --sample A1 --coverage 2 --read-length 50 "
                        + "--fragment-mean 150 --fragment-sd 10 -t 1 --out {d}/out/r")) {
            Path d = Files.createTempDirectory(dir, "ok");
            all(d);
            CliRun r = CliRun.of(Arrays.stream(args.split(" ")).map(a -> a.replace("{d}", d.toString()))
                    .toArray(String[]::new));
            assertThat(r.exitCode()).as(args + "\n" + r.err()).isZero();
        }
    }

    // ---- the corpus ----

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        plinkCases(c);
        vcfCases(c);
        bimbamCases(c);
        phenoCases(c);
        tableCases(c);
        yamlCases(c);
        sitesOnlyCases(c);
        optionCases(c);
        overwriteCases(c);
        readsSpikeCases(c);
        commandCases(c);
        return c.stream();
    }

    private static final String[] GENOTYPE_COMMANDS = {
        "qc -t 1 --input %s --out {d}/out/q",
        "convert -t 1 --input %s --out {d}/out/c.vcf.gz",
        "kinship -t 1 --input %s --out {d}/out/k"};

    private static void forGenotypeCommands(List<Case> c, String name, Setup setup, String input, String... expect) {
        for (String cmd : GENOTYPE_COMMANDS) {
            c.add(new Case(name + " / " + cmd.split(" ")[0], setup, String.format(cmd, input), expect));
        }
    }

    private static void plinkCases(List<Case> c) {
        forGenotypeCommands(c, "bed magic bytes wrong", d -> {
            plink(d);
            patchBytes(d.resolve("g.bed"), 0, new byte[] {1, 2, 3});
        }, "{d}/g", "g.bed");
        forGenotypeCommands(c, "bed truncated", d -> {
            plink(d);
            cut(d.resolve("g.bed"), 7);
        }, "{d}/g", "g.bed");
        forGenotypeCommands(c, "bed with extra bytes", d -> {
            plink(d);
            Files.write(d.resolve("g.bed"), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 
                    java.nio.file.StandardOpenOption.APPEND);
        }, "{d}/g", "g.bed");
        forGenotypeCommands(c, "bed empty", d -> {
            plink(d);
            Files.write(d.resolve("g.bed"), new byte[0]);
        }, "{d}/g", "g.bed");
        forGenotypeCommands(c, "bed sample-major", d -> {
            plink(d);
            patchBytes(d.resolve("g.bed"), 2, new byte[] {0});
        }, "{d}/g", "g.bed");
        forGenotypeCommands(c, "bim with 5 columns", d -> {
            plink(d);
            replaceLine(d.resolve("g.bim"), 4, "1\trs3\t0\t1030\tA");
        }, "{d}/g", "g.bim:4");
        forGenotypeCommands(c, "bim position not a number", d -> {
            plink(d);
            replaceLine(d.resolve("g.bim"), 6, "1\trs5\t0\t_\tA\tG");
        }, "{d}/g", "g.bim:6");
        forGenotypeCommands(c, "bim missing", d -> {
            plink(d);
            Files.delete(d.resolve("g.bim"));
        }, "{d}/g", "g.bim");
        forGenotypeCommands(c, "fam with 4 columns", d -> {
            plink(d);
            replaceLine(d.resolve("g.fam"), 3, "f2 s2 0 0");
        }, "{d}/g", "g.fam:3");
        forGenotypeCommands(c, "fam duplicate sample", d -> {
            plink(d);
            replaceLine(d.resolve("g.fam"), 5, "f0 s0 0 0 1 -9");
        }, "{d}/g", "g.fam:5", "duplicate");
        forGenotypeCommands(c, "fam missing", d -> {
            plink(d);
            Files.delete(d.resolve("g.fam"));
        }, "{d}/g", "g.fam");
        forGenotypeCommands(c, "fam empty", d -> {
            plink(d);
            Files.writeString(d.resolve("g.fam"), "");
        }, "{d}/g", "g.fam");
        forGenotypeCommands(c, "bed gz truncated", d -> {
            plink(d);
            byte[] gz = gzip(Files.readAllBytes(d.resolve("g.bed")));
            Files.write(d.resolve("g.bed.gz"), Arrays.copyOf(gz, gz.length / 2));
            Files.delete(d.resolve("g.bed"));
        }, "{d}/g.bed.gz", "g.bed.gz");
    }

    private static void vcfCases(List<Case> c) {
        String[] cmds = {"qc -t 1 --input {d}/v.vcf --out {d}/out/q", "convert -t 1 --input {d}/v.vcf --out {d}/out/c.bed"};
        Object[][] breaks = {
            {"vcf POS not a number", 5, "1\t_\trs5\tA\tG\t.\t.\t.\tGT" + gts(SAMPLES), "v.vcf:7"},
            {"vcf too few genotype columns", 6, "1\t600\trs6\tA\tG\t.\t.\t.\tGT\t0/1", "v.vcf:8"},
            {"vcf record of 3 columns", 7, "1\t700\trs7", "v.vcf:9"},
            {"vcf GT allele out of range", 8, "1\t800\trs8\tA\tG\t.\t.\t.\tGT\t0/5" + gts(SAMPLES - 1), "v.vcf"},
            {"vcf GT garbage", 9, "1\t900\trs9\tA\tG\t.\t.\t.\tGT\tx/y" + gts(SAMPLES - 1), "v.vcf"},
            {"vcf negative POS", 10, "1\t-5\trs10\tA\tG\t.\t.\t.\tGT" + gts(SAMPLES), "v.vcf"},
        };
        for (Object[] b : breaks) {
            for (String cmd : cmds) {
                c.add(new Case(b[0] + " / " + cmd.split(" ")[0], d -> {
                    vcf(d);
                    replaceLine(d.resolve("v.vcf"), 2 + (int) b[1], (String) b[2]);
                }, cmd, (String) b[3]));
            }
        }
        for (String cmd : cmds) {
            String k = cmd.split(" ")[0];
            c.add(new Case("vcf without #CHROM / " + k, d -> {
                vcf(d);
                replaceLine(d.resolve("v.vcf"), 2, "##nothing");
            }, cmd, "v.vcf"));
            c.add(new Case("vcf empty / " + k, d -> {
                vcf(d);
                Files.writeString(d.resolve("v.vcf"), "");
            }, cmd, "v.vcf"));
            c.add(new Case("vcf binary garbage / " + k, d -> {
                vcf(d);
                byte[] junk = new byte[4000];
                new Random(5).nextBytes(junk);
                Files.write(d.resolve("v.vcf"), junk);
            }, cmd, "v.vcf"));
            c.add(new Case("vcf duplicate sample name / " + k, d -> {
                vcf(d);
                List<String> l = new ArrayList<>(Files.readAllLines(d.resolve("v.vcf")));
                l.set(1, l.get(1).replace("\ts3\t", "\ts2\t"));
                Files.write(d.resolve("v.vcf"), l);
            }, cmd, "v.vcf"));
            c.add(new Case("vcf.gz truncated / " + k, d -> {
                vcf(d);
                byte[] gz = gzip(Files.readAllBytes(d.resolve("v.vcf")));
                Files.write(d.resolve("v.vcf"), Arrays.copyOf(gz, gz.length * 2 / 3));
            }, cmd, "v.vcf"));
            c.add(new Case("vcf GT with a carriage return and control bytes (found by bench/fuzz.sh 10000) / " + k, d -> {
                vcf(d);
                List<String> l = new ArrayList<>(Files.readAllLines(d.resolve("v.vcf")));
                l.set(10, l.get(10).replaceFirst("\t[01]/[01]$", "\tB\r\u00170\u0014"));
                Files.writeString(d.resolve("v.vcf"), String.join("\n", l) + "\n");
            }, cmd, "v.vcf:11", "B\\r\\x170\\x14"));
            c.add(new Case("vcf missing / " + k, BadInputCorpusTest::vcf, cmd.replace("v.vcf", "nope.vcf"),
                    "nope.vcf"));
        }
    }

    /** A VCF without sample columns: every genotype command refuses it before any work (was a division by zero). */
    private static void sitesOnlyCases(List<Case> c) {
        for (String cmd : List.of("qc -t 1 --input {d}/so.vcf --out {d}/out/q",
                "convert -t 1 --input {d}/so.vcf --out {d}/out/c.bed", "kinship -t 1 --input {d}/so.vcf --out {d}/out/k",
                "pca -t 1 --input {d}/so.vcf --out {d}/out/p",
                "ld -t 1 --input {d}/so.vcf --indep-pairwise 50 5 0.2 --out {d}/out/l",
                "synth -t 1 --input {d}/so.vcf --seed 1 --out {d}/out/s",
                "evaluate -t 1 --real {d}/so.vcf --synthetic {d}/v.vcf --out {d}/out/e",
                "pheno simulate -t 1 --input {d}/so.vcf --causal 1 --h2 0.5 --seed 1 --out {d}/out/ph",
                "gwas -t 1 --input {d}/so.vcf --pheno {d}/p.tsv --pheno-col y --model lmm --out {d}/out/gw",
                "split --input {d}/so.vcf --fraction 0.5 --seed 1 --out {d}/out/sp",
                "relatives --input {d}/so.vcf --pedigree full-siblings=2 --seed 1 --out {d}/out/r")) {
            String k = cmd.startsWith("pheno") ? "pheno simulate" : cmd.split(" ")[0];
            c.add(new Case("vcf without samples (sites-only) / " + k + (cmd.contains("lmm") ? " lmm" : ""), d -> {
                all(d);
                Files.writeString(d.resolve("so.vcf"), "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER"
                        + "\tINFO\n1\t100\trs1\tA\tG\t.\t.\t.\n1\t200\trs2\tA\tG\t.\t.\t.\n");
            }, cmd, "so.vcf: no samples (a sites-only VCF"));
            // the same commands on a header-only VCF (samples, no variant): refused, nothing written
            String h = cmd.replace("so.vcf", "ho.vcf");
            c.add(new Case("vcf without variants (header only) / " + k + (cmd.contains("lmm") ? " lmm" : ""), d -> {
                all(d);
                Files.writeString(d.resolve("ho.vcf"), "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER"
                        + "\tINFO\tFORMAT\ts1\ts2\ts3\n");
            }, h, k.equals("relatives") ? "the pedigree needs 4 founders" : "ho.vcf"));
        }
    }

    private static void bimbamCases(List<Case> c) {
        String[] cmds = {"qc -t 1 --input {d}/b.geno.txt --out {d}/out/q",
            "convert -t 1 --input {d}/b.geno.txt --out {d}/out/c.bed"};
        for (String cmd : cmds) {
            String k = cmd.split(" ")[0];
            c.add(new Case("bimbam row short / " + k, d -> {
                bimbam(d);
                replaceLine(d.resolve("b.geno.txt"), 7, "rs7, A, G, 0, 1");
            }, cmd, "b.geno.txt:7"));
            c.add(new Case("bimbam dosage not a number / " + k, d -> {
                bimbam(d);
                replaceLine(d.resolve("b.geno.txt"), 9, "rs9, A, G" + ", x".repeat(SAMPLES));
            }, cmd, "b.geno.txt:9"));
            c.add(new Case("bimbam dosage above 2 / " + k, d -> {
                bimbam(d);
                replaceLine(d.resolve("b.geno.txt"), 4, "rs4, A, G" + ", 7".repeat(SAMPLES));
            }, cmd, "b.geno.txt:4"));
            c.add(new Case("bimbam fam of another size / " + k, d -> {
                bimbam(d);
                List<String> fam = Files.readAllLines(d.resolve("b.fam"));
                Files.write(d.resolve("b.fam"), fam.subList(0, 10));
            }, cmd, "b.fam"));
            c.add(new Case("bimbam annotation position not a number / " + k, d -> {
                bimbam(d);
                replaceLine(d.resolve("b.anno.txt"), 3, "rs3, _, 1");
            }, cmd, "b.anno.txt:3"));
            c.add(new Case("bimbam empty / " + k, d -> {
                bimbam(d);
                Files.writeString(d.resolve("b.geno.txt"), "");
            }, cmd, "b.geno.txt"));
        }
    }

    private static void phenoCases(List<Case> c) {
        String linear = "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model linear --out {d}/out/gw";
        String withCovar = linear + " --covar {d}/cov.tsv";
        c.add(new Case("pheno column absent", d -> all(d), linear.replace("--pheno-col y", "--pheno-col height"),
                "height"));
        c.add(new Case("pheno column number too big", d -> all(d), linear.replace("--pheno-col y", "--pheno-col 9"),
                "p.tsv"));
        c.add(new Case("pheno constant", d -> {
            all(d);
            pheno(d, "p.tsv", i -> "1.5", i -> "0.3");
        }, linear, "constant"));
        c.add(new Case("pheno value not a number", d -> {
            all(d);
            pheno(d, "p.tsv", i -> i == 7 ? "abc" : Double.toString(i * 0.1), i -> "1");
        }, linear, "p.tsv"));
        c.add(new Case("pheno no sample in common", d -> {
            all(d);
            StringBuilder sb = new StringBuilder("#FID\tIID\ty\tz\n");
            for (int i = 0; i < SAMPLES; i++) {
                sb.append("q").append(i).append("\tq").append(i).append("\t1\t2\n");
            }
            Files.writeString(d.resolve("p.tsv"), sb);
        }, linear, "p.tsv"));
        c.add(new Case("pheno empty", d -> {
            all(d);
            Files.writeString(d.resolve("p.tsv"), "");
        }, linear, "p.tsv"));
        c.add(new Case("pheno missing", d -> all(d), linear.replace("p.tsv", "nope.tsv"), "nope.tsv"));
        c.add(new Case("pheno gz truncated", d -> {
            all(d);
            byte[] gz = gzip(Files.readAllBytes(d.resolve("p.tsv")));
            Files.write(d.resolve("p.tsv.gz"), Arrays.copyOf(gz, gz.length / 2));
        }, linear.replace("p.tsv", "p.tsv.gz"), "p.tsv.gz", "the file is truncated: its compressed data ends early"));
        c.add(new Case("covariate twice the phenotype", d -> {
            all(d);
            pheno(d, "cov.tsv", i -> Double.toString(2 * ((i * 37 % 11) * 0.5)), i -> Double.toString(i % 3));
        }, withCovar, "R^2"));
        c.add(new Case("covariates collinear", d -> {
            all(d);
            pheno(d, "cov.tsv", i -> Double.toString(i % 5), i -> Double.toString(3 * (i % 5) + 1));
        }, withCovar, "covariate"));
        c.add(new Case("covariate constant", d -> {
            all(d);
            pheno(d, "cov.tsv", i -> "4", i -> Double.toString(i % 3));
        }, withCovar, "constant"));
        c.add(new Case("covariate nearly collinear (VIF)", d -> {
            all(d);
            pheno(d, "cov.tsv", i -> Double.toString(i % 5 + 0.001 * (i % 2)), i -> Double.toString(i % 5));
        }, withCovar, "covariate"));
        c.add(new Case("logistic phenotype not binary", d -> all(d), linear.replace("linear", "logistic"),
                "not binary"));
        c.add(new Case("logistic only cases", d -> {
            all(d);
            pheno(d, "p.tsv", i -> "2", i -> "1");
        }, linear.replace("linear", "logistic"), "cases"));
        c.add(new Case("covar-col without covar", d -> all(d), linear + " --covar-col z", "--covar"));
    }

    private static void tableCases(List<Case> c) {
        String synth = "table synth --input {d}/t.csv --seed 1 --out {d}/out/s.csv";
        c.add(new Case("table empty", d -> {
            all(d);
            Files.writeString(d.resolve("t.csv"), "");
        }, synth, "t.csv"));
        c.add(new Case("table header only", d -> {
            all(d);
            Files.writeString(d.resolve("t.csv"), "age,sex,bmi\n");
        }, synth, "t.csv"));
        c.add(new Case("table ragged row", d -> {
            all(d);
            replaceLine(d.resolve("t.csv"), 12, "40,M");
        }, synth, "t.csv:12"));
        c.add(new Case("table missing", d -> all(d), synth.replace("t.csv", "nope.csv"), "nope.csv"));
        c.add(new Case("table binary garbage", d -> {
            all(d);
            byte[] junk = new byte[3000];
            new Random(9).nextBytes(junk);
            Files.write(d.resolve("t.csv"), junk);
        }, synth, "t.csv"));
        c.add(new Case("table --n 0", d -> all(d), synth + " --n 0", "--n"));
        c.add(new Case("table --n -5", d -> all(d), synth + " --n -5", "--n"));
        c.add(new Case("table --epsilon Infinity", d -> all(d), synth + " --epsilon Infinity", "--epsilon"));
        c.add(new Case("table --epsilon NaN", d -> all(d), synth + " --epsilon NaN", "--epsilon"));
        c.add(new Case("table --epsilon 0", d -> all(d), synth + " --epsilon 0", "--epsilon"));
        c.add(new Case("table --n huge", d -> all(d), synth + " --n 2000000000", "-Xmx"));
        for (String m : List.of("copula", "cart")) {
            c.add(new Case("table --method " + m + " with --epsilon", d -> all(d), synth + " --method " + m
                    + " --epsilon 5", "--method " + m + " is not differentially private"));
        }
        c.add(new Case("table unknown method", d -> all(d), synth + " --method gan", "gan"));
        c.add(new Case("table evaluate synthetic missing", d -> all(d),
                "table evaluate --real {d}/t.csv --synthetic {d}/nope.csv --out {d}/out/e", "nope.csv"));
        c.add(new Case("table evaluate columns differ", d -> {
            all(d);
            Files.writeString(d.resolve("u.csv"), "x,y\n1,2\n3,4\n5,6\n7,8\n9,1\n");
        }, "table evaluate --real {d}/t.csv --synthetic {d}/u.csv --out {d}/out/e", "u.csv"));
    }

    private static void yamlCases(List<Case> c) {
        String spike = "spike --input {d}/cohort.vcf --variants {d}/spikes.vcf --design {d}/design.yaml --out {d}/out/sp";
        Object[][] designs = {
            {"design not YAML", "default: {samples: [A1, A3\n  zygosity: : het\n"},
            {"design empty", ""},
            {"design unknown sample", "default: {samples: [NOBODY], zygosity: het}\n"},
            {"design bad zygosity", "default: {samples: [A1], zygosity: triple}\n"},
            {"design a list at the top", "- a\n- b\n"},
            {"design tab indentation", "default:\n\tsamples: [A1]\n"},
        };
        for (Object[] b : designs) {
            c.add(new Case("spike " + b[0], d -> {
                all(d);
                Files.writeString(d.resolve("design.yaml"), (String) b[1]);
            }, spike, "design.yaml"));
        }
        String bench = "benchmark --config {d}/recipe.yaml --out {d}/out/bench";
        Object[][] recipes = {
            {"recipe not YAML", "name: [x\n", "recipe.yaml"},
            {"recipe empty", "", "recipe.yaml"},
            {"recipe missing input", "name: x\nseed: 1\n", "recipe.yaml"},
            {"recipe input file absent", "name: x\nseed: 1\ninput:\n  genotypes: nope.bed\n", "nope"},
            {"recipe seed not a number", "name: x\nseed: one\ninput:\n  genotypes: g.bed\n", "recipe.yaml"},
        };
        for (Object[] b : recipes) {
            c.add(new Case("benchmark " + b[0], d -> {
                all(d);
                Files.writeString(d.resolve("recipe.yaml"), (String) b[1]);
            }, bench, (String) b[2]));
        }
    }

    private static void optionCases(List<Case> c) {
        for (String t : List.of("0", "-1", "100000")) {
            c.add(new Case("qc --threads " + t, d -> all(d), "qc --threads " + t + " --input {d}/g --out {d}/out/q",
                    "--threads"));
            c.add(new Case("convert --threads " + t, d -> all(d), "convert --threads " + t
                    + " --input {d}/g --out {d}/out/c.vcf.gz", "--threads"));
            c.add(new Case("synth --threads " + t, d -> all(d), "synth --threads " + t
                    + " --input {d}/g --seed 1 --out {d}/out/s", "--threads"));
        }
        c.add(new Case("synth --n 0", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --n 0 --out {d}/out/s", "--n"));
        c.add(new Case("synth --n -3", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --n -3 --out {d}/out/s",
                "--n"));
        c.add(new Case("synth --n huge", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method ldp --n 2000000000 "
                + "--out {d}/out/s", "-Xmx"));
        for (String e : List.of("Infinity", "NaN", "0", "-2")) {
            c.add(new Case("synth ldp --epsilon " + e, d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method ldp "
                    + "--epsilon " + e + " --out {d}/out/s", "--epsilon"));
        }
        // 40 genomes x 30 variants: one exact copy of a real genome is expected at epsilon 2.73
        for (String e : List.of("1000", "1e308", "6")) {
            c.add(new Case("synth ldp --epsilon " + e + " publishing exact copies", d -> all(d), "synth -t 1 --input "
                    + "{d}/g --seed 1 --method ldp --epsilon " + e + " --out {d}/out/s", "--epsilon", "exact copies",
                    "below 2.73"));
        }
        c.add(new Case("synth unknown donor pool", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method mosaic "
                + "--donor-pool anchors --out {d}/out/s", "--donor-pool"));
        c.add(new Case("synth donor pool without mosaic", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method hmm "
                + "--donor-pool population --out {d}/out/s", "--donor-pool", "--method mosaic"));
        c.add(new Case("synth unknown method", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method gan "
                + "--out {d}/out/s", "--method"));
        for (String k : List.of("NaN", "0.7", "-0.1")) {
            c.add(new Case("synth --max-kinship " + k, d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method mosaic "
                    + "--max-kinship " + k + " --out {d}/out/s", "--max-kinship", "at most 0.5"));
        }
        c.add(new Case("synth --infer-populations 0", d -> all(d), "synth -t 1 --input {d}/g --seed 1 "
                + "--infer-populations 0 --out {d}/out/s", "--infer-populations must be at least 1"));
        c.add(new Case("synth --per-population count NaN", d -> all(d), "synth -t 1 --input {d}/g --seed 1 "
                + "--infer-populations 2 --per-population P1=NaN,P2=5 --out {d}/out/s", "--per-population",
                "finite"));
        c.add(new Case("reference --contigs x --length beyond memory", d -> all(d), "reference --contigs 100000000 "
                + "--length 10000 --seed 1 --out {d}/out/ref", "100000000 contigs x 10000 bp", "-Xmx"));
        c.add(new Case("bim position beyond 2^31-1", d -> {
            all(d);
            replaceLine(d.resolve("g.bim"), 5, "1\trs4\t0\t99999999999999\tA\tG");
        }, "qc -t 1 --input {d}/g --out {d}/out/q", "g.bim:5", "BP", "2147483647"));
        c.add(new Case("synth --noise NaN", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --noise NaN "
                + "--out {d}/out/s", "--noise"));
        for (String cmd : List.of("qc -t 1 --input {d}/g", "convert -t 1 --input {d}/g", "kinship -t 1 --input {d}/g",
                "pca -t 1 --input {d}/g", "synth -t 1 --seed 1 --input {d}/g",
                "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model linear",
                "split --input {d}/g --fraction 0.5 --seed 1", "table synth --input {d}/t.csv --seed 1")) {
            String k = cmd.split(" ")[0] + (cmd.startsWith("table") ? " synth" : "");
            c.add(new Case(k + " --out empty", d -> all(d), cmd + " --out ''", "--out"));
        }
        for (String cmd : List.of("qc -t 1 --input {d}/g", "kinship -t 1 --input {d}/g", "synth -t 1 --seed 1 "
                + "--input {d}/g", "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model linear")) {
            c.add(new Case(cmd.split(" ")[0] + " --out a directory", d -> all(d), cmd + " --out {d}/out/", "--out"));
        }
        // --out a file name or prefix (not DIR): a trailing slash made convert write out.bed beside the directory
        for (String cmd : List.of("convert -t 1 --input {d}/g --output-format bed", "table synth --input {d}/t.csv --seed 1",
                "compare --truth {d}/cohort.vcf --calls {d}/cohort.vcf --truth-sample A1 --calls-sample A1")) {
            String k = cmd.startsWith("table") ? "table synth" : cmd.split(" ")[0];
            c.add(new Case(k + " --out an existing directory with a slash", d -> all(d), cmd + " --out {d}/out/",
                    "--out '{d}/out/' names a directory"));
        }
        String reads = "reads --reference {d}/ref.fa --vcf {d}/cohort.vcf --sample A1 --read-length 50 "
                + "--fragment-mean 150 --fragment-sd 10 -t 1 --out {d}/out/r";
        for (String cov : List.of("0", "-1", "NaN", "Infinity", "1e9")) {
            c.add(new Case("reads --coverage " + cov, d -> all(d), reads + " --coverage " + cov, "--coverage"));
        }
        // option-parsing errors (picocli): one line with the --help hint (were two lines)
        c.add(new Case("qc --threads abc", d -> all(d), "qc --threads abc --input {d}/g --out {d}/out/q", "--threads",
                "'abc'", "(try 'genosynth qc --help')"));
        c.add(new Case("qc unknown option", d -> all(d), "qc -t 1 --bogus --input {d}/g --out {d}/out/q", "--bogus",
                "(try 'genosynth qc --help')"));
        c.add(new Case("qc missing --out", d -> all(d), "qc -t 1 --input {d}/g", "--out"));
        c.add(new Case("qc option without its value", d -> all(d), "qc -t 1 --input {d}/g --out", "--out"));
        c.add(new Case("synth --n beyond int", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --n 3000000000 "
                + "--out {d}/out/s", "--n", "3000000000"));
        c.add(new Case("reference --length beyond int", d -> all(d), "reference --length 1000000000000 --seed 1 "
                + "--out {d}/out/ref", "--length", "1000000000000"));
        c.add(new Case("unknown command", d -> all(d), "qcc --input {d}/g", "qcc"));
        c.add(new Case("gwas unknown --model", d -> all(d), "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y "
                + "--model probit --out {d}/out/gw", "probit"));
        c.add(new Case("qc --maf NaN", d -> all(d), "qc -t 1 --input {d}/g --maf NaN --out {d}/out/q", "--maf"));
        c.add(new Case("qc --extract matching nothing", d -> {
            all(d);
            Files.writeString(d.resolve("ids.txt"), "nothing\nnone\n");
        }, "qc -t 1 --input {d}/g --extract {d}/ids.txt --out {d}/out/q", "--extract"));
        c.add(new Case("convert --extract matching nothing", d -> {
            all(d);
            Files.writeString(d.resolve("ids.txt"), "nothing\n");
        }, "convert -t 1 --input {d}/g --extract {d}/ids.txt --out {d}/out/c.bed", "--extract"));
        c.add(new Case("qc --keep matching nobody", d -> {
            all(d);
            Files.writeString(d.resolve("ids.txt"), "x y\n");
        }, "qc -t 1 --input {d}/g --keep {d}/ids.txt --out {d}/out/q", "samples"));
        c.add(new Case("convert --exclude removing everything", d -> {
            all(d);
            StringBuilder ids = new StringBuilder();
            for (int v = 0; v < VARIANTS; v++) {
                ids.append("rs").append(v).append('\n');
            }
            Files.writeString(d.resolve("ids.txt"), ids);
        }, "convert -t 1 --input {d}/g --exclude {d}/ids.txt --out {d}/out/c.bed", "--extract/--exclude"));
        c.add(new Case("split --fraction 1", d -> all(d), "split --input {d}/g --fraction 1 --seed 1 --out {d}/out/sp",
                "fraction"));
        c.add(new Case("pca --pcs 0", d -> all(d), "pca -t 1 --input {d}/g --pcs 0 --out {d}/out/p", "--pcs"));
        c.add(new Case("unknown input format", d -> all(d), "qc -t 1 --input {d}/g --format ped --out {d}/out/q",
                "ped"));
        c.add(new Case("unknown output format", d -> all(d), "convert -t 1 --input {d}/g --output-format gen "
                + "--out {d}/out/c", "gen"));
    }

    private static void overwriteCases(List<Case> c) {
        c.add(new Case("synth over its input", d -> all(d), "synth -t 1 --input {d}/g --seed 1 --method ldp "
                + "--out {d}/g", "would overwrite"));
        c.add(new Case("synth over its phenotypes", d -> {
            all(d);
            Files.copy(d.resolve("p.tsv"), d.resolve("s.pheno.tsv"));
        }, "synth -t 1 --input {d}/g --pheno {d}/s.pheno.tsv --seed 1 --method ldp --out {d}/s", "would overwrite"));
        c.add(new Case("convert bed over itself", d -> all(d), "convert -t 1 --input {d}/g --out {d}/g.bed",
                "would overwrite"));
        c.add(new Case("convert vcf over itself", d -> all(d), "convert -t 1 --input {d}/v.vcf --out {d}/v.vcf",
                "would overwrite"));
        c.add(new Case("convert through a symlinked directory", d -> {
            all(d);
            Files.createSymbolicLink(d.resolve("link"), d);
        }, "convert -t 1 --input {d}/g --out {d}/link/g.bed", "would overwrite"));
        c.add(new Case("convert onto a hard link of the input", d -> {
            all(d);
            Files.createLink(d.resolve("h.bed"), d.resolve("g.bed"));
            Files.copy(d.resolve("g.bim"), d.resolve("h.bim"));
            Files.copy(d.resolve("g.fam"), d.resolve("h.fam"));
        }, "convert -t 1 --input {d}/g --out {d}/h.bed", "would overwrite"));
        c.add(new Case("table synth over its input", d -> all(d), "table synth --input {d}/t.csv --seed 1 "
                + "--out {d}/t.csv", "would overwrite"));
        c.add(new Case("split over its input", d -> {
            all(d);
            for (String ext : List.of(".bed", ".bim", ".fam")) {
                Files.copy(d.resolve("g" + ext), d.resolve("x.train" + ext));
            }
        }, "split --input {d}/x.train --fraction 0.5 --seed 1 --out {d}/x", "would overwrite"));
        c.add(new Case("qc report over its --extract list", d -> {
            all(d);
            Files.writeString(d.resolve("q.afreq"), "rs1\nrs2\nrs3\n");
        }, "qc -t 1 --input {d}/g --extract {d}/q.afreq --out {d}/q", "would overwrite"));
        c.add(new Case("gwas over its phenotype file", d -> {
            all(d);
            Files.copy(d.resolve("p.tsv"), d.resolve("o.gwas.tsv"));
        }, "gwas -t 1 --input {d}/g --pheno {d}/o.gwas.tsv --pheno-col y --model linear --out {d}/o",
                "would overwrite"));
        c.add(new Case("spike over its cohort", d -> {
            all(d);
            Files.copy(d.resolve("cohort.vcf"), d.resolve("sp.carriers.tsv"));
        }, "spike --input {d}/sp.carriers.tsv --variants {d}/spikes.vcf --design {d}/design.yaml --out {d}/sp",
                "would overwrite"));
    }

    private static void readsSpikeCases(List<Case> c) {
        String reads = "reads --reference {d}/ref.fa --vcf {d}/cohort.vcf --sample A1 --coverage 2 --read-length 50 "
                + "--fragment-mean 150 --fragment-sd 10 -t 1 --out {d}/out/r";
        c.add(new Case("reads contig shorter than a fragment", d -> {
            all(d);
            Files.writeString(d.resolve("ref.fa"), ">chr1\nACGTACGTAC\n");
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER);
        }, reads, "ref.fa", "shorter"));
        c.add(new Case("reads all-N contig", d -> {
            all(d);
            Files.writeString(d.resolve("ref.fa"), ">chr1\n" + "N".repeat(3000) + "\n");
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER);
        }, reads, "ref.fa", "non-N"));
        c.add(new Case("reads REF disagrees with the reference", d -> {
            all(d);
            String ref = refSeq();
            char wrong = ref.charAt(999) == 'A' ? 'C' : 'A';
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + "chr1\t1000\tx\t" + wrong + "\t"
                    + (wrong == 'G' ? 'T' : 'G') + "\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0\n");
        }, reads, "cohort.vcf", "chr1:1000", "REF"));
        c.add(new Case("reads variant past the contig end", d -> {
            all(d);
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + "chr1\t3500\tx\tA\tG\t.\tPASS\t.\tGT\t0|1\t1|1"
                    + "\t0|0\n");
        }, reads, "cohort.vcf", "past the end"));
        c.add(new Case("reads unsorted VCF", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 2000) + snv(ref, 1000));
        }, reads, "cohort.vcf", "not sorted"));
        c.add(new Case("reads VCF contig absent from the reference", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 1000) + snv(ref, 500).replace("chr1",
                    "chr9"));
        }, reads, "cohort.vcf:5", "contig 'chr9' is not in the reference", "chr1", "--contig-alias"));
        c.add(new Case("reads --coverage too low for one read pair", d -> all(d), reads.replace("--coverage 2",
                "--coverage 0.0001"), "--coverage 0.0001 is too low", "at least --coverage 0.03333"));
        c.add(new Case("reads sample absent", d -> all(d), reads.replace("--sample A1", "--sample NOBODY"),
                "NOBODY"));
        c.add(new Case("reads reference missing", d -> all(d), reads.replace("ref.fa", "nope.fa"), "nope.fa"));
        String spike = "spike --input {d}/cohort.vcf --variants {d}/spikes.vcf --design {d}/design.yaml --out {d}/out/sp";
        c.add(new Case("spike unsorted cohort", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 2000) + snv(ref, 1000));
        }, spike, "cohort.vcf", "not sorted"));
        c.add(new Case("spike cohort contig not contiguous", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 1000) + snv(ref, 2000).replace("chr1",
                    "chr2") + snv(ref, 2500));
        }, spike, "cohort.vcf"));
        c.add(new Case("spike cohort contig header without '>' (found by bench/fuzz.sh 10000)", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), "##fileformat=VCFv4.2\n##contig=<ID=chrv4.2\n"
                    + COHORT_HEADER.substring(COHORT_HEADER.indexOf('\n') + 1) + snv(ref, 1000));
        }, spike, "cohort.vcf", "##contig"));
        c.add(new Case("spike cohort without samples", d -> {
            all(d);
            Files.writeString(d.resolve("cohort.vcf"), "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER"
                    + "\tINFO\n");
        }, spike, "cohort.vcf"));
        c.add(new Case("spike variant past the contig length of ##contig", d -> {
            all(d);
            Files.writeString(d.resolve("spikes.vcf"), "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                    + "chr1\t3500\tsnv1\tA\tG\t.\t.\t.\n");
        }, spike, "spikes.vcf:2", "POS", "past the end of contig chr1 (length 3000"));
        c.add(new Case("spike REF differs from the cohort's REF at its position", d -> {
            all(d);
            char r = refSeq().charAt(999);
            char wrong = r == 'A' ? 'C' : 'A';
            Files.writeString(d.resolve("spikes.vcf"), "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                    + "chr1\t1000\tsnv1\t" + wrong + "\tT\t.\t.\t.\n");
        }, spike, "cohort.vcf:5", "differs from REF", "spikes.vcf:2"));
        c.add(new Case("spike cohort record past the contig length", d -> {
            all(d);
            String ref = refSeq();
            Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 500) + snv(ref, 1000)
                    + "chr1\t3500\tx\tA\tG\t.\tPASS\t.\tGT\t0|1\t1|1\t0|0\n");
        }, spike, "cohort.vcf:6", "POS", "past the end of contig 'chr1' (length 3000"));
        c.add(new Case("spike variants missing", d -> all(d), spike.replace("spikes.vcf", "nope.vcf"), "nope.vcf"));
        c.add(new Case("spike variants not a VCF", d -> {
            all(d);
            Files.writeString(d.resolve("spikes.vcf"), "hello\nworld\n");
        }, spike, "spikes.vcf"));
        c.add(new Case("spike cohort is BCF", d -> {
            all(d);
            Files.copy(d.resolve("cohort.vcf"), d.resolve("cohort.bcf"));
        }, spike.replace("cohort.vcf", "cohort.bcf"), "cohort.bcf"));
    }

    /** At least one bad input for each command the corpus had not reached. */
    private static void commandCases(List<Case> c) {
        c.add(new Case("evaluate synthetic missing", d -> all(d), "evaluate -t 1 --real {d}/g --synthetic {d}/nope "
                + "--out {d}/out/e", "nope"));
        c.add(new Case("ld --indep-pairwise r2 above 1", d -> all(d), "ld -t 1 --input {d}/g --indep-pairwise 50 5 2 "
                + "--out {d}/out/l", "--indep-pairwise"));
        c.add(new Case("relatives unknown pedigree design", d -> all(d), "relatives --input {d}/g --pedigree "
                + "cousins-twice=2 --seed 1 --out {d}/out/r", "cousins-twice"));
        c.add(new Case("watermark add phenotype column absent", d -> all(d), "watermark add --input {d}/g --pheno "
                + "{d}/p.tsv --pheno-col height --out {d}/out/w", "height"));
        c.add(new Case("watermark verify table missing", d -> all(d), "watermark verify --watermark {d}/nope.tsv "
                + "--gwas {d}/p.tsv", "nope.tsv"));
        c.add(new Case("pheno simulate --h2 above 1", d -> all(d), "pheno simulate -t 1 --input {d}/g --causal 2 "
                + "--h2 2 --seed 1 --out {d}/out/ph", "--h2"));
        c.add(new Case("reference --gc 1.5", d -> all(d), "reference --length 20000 --gc 1.5 --seed 1 "
                + "--out {d}/out/ref", "--gc"));
        c.add(new Case("compare truth missing", d -> all(d), "compare --truth {d}/nope.vcf --calls {d}/cohort.vcf "
                + "--truth-sample A1 --calls-sample A1 --out {d}/out/cmp", "nope.vcf"));
        c.add(new Case("reads-model FASTQ not a FASTQ", d -> {
            all(d);
            Files.writeString(d.resolve("bad.fq"), "hello\nworld\n");
        }, "reads-model {d}/bad.fq --out {d}/out/model.tsv", "bad.fq"));
        c.add(new Case("gwas lmm-loco without samples (sites-only)", d -> {
            all(d);
            Files.writeString(d.resolve("so.vcf"), "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER"
                    + "\tINFO\n1\t100\trs1\tA\tG\t.\t.\t.\n");
        }, "gwas -t 1 --input {d}/so.vcf --pheno {d}/p.tsv --pheno-col y --model lmm-loco --out {d}/out/gw",
                "so.vcf: no samples"));
        c.add(new Case("gwas lmm constant phenotype", d -> {
            all(d);
            pheno(d, "p.tsv", i -> "1.5", i -> "0.3");
        }, "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model lmm --out {d}/out/gw", "constant"));
        c.add(new Case("gwas lmm-loco constant phenotype", d -> {
            all(d);
            pheno(d, "p.tsv", i -> "1.5", i -> "0.3");
        }, "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model lmm-loco --out {d}/out/gw", "constant"));
        c.add(new Case("table split --fraction 1", d -> all(d), "table split --input {d}/t.csv --fraction 1 --seed 1 "
                + "--out {d}/out/ts", "--fraction"));
        c.add(new Case("table split input missing", d -> all(d), "table split --input {d}/nope.csv --seed 1 "
                + "--out {d}/out/ts", "nope.csv"));
    }

    // ---- fixtures ----

    private static final String COHORT_HEADER = "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=3000>\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA1\tA2\tA3\n";

    private static String refSeq() {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("ACGT".charAt(rnd.nextInt(4)));
        }
        return sb.toString();
    }

    private static String snv(String ref, int pos) {
        char r = ref.charAt(pos - 1);
        return "chr1\t" + pos + "\tv" + pos + "\t" + r + "\t" + (r == 'A' ? 'C' : 'A') + "\t.\tPASS\t.\tGT\t0|1\t1|1"
                + "\t0|0\n";
    }

    /** Every valid input: PLINK g.*, v.vcf, BIMBAM b.*, p.tsv, cov.tsv, t.csv, ref.fa, cohort/spikes/design. */
    static void all(Path d) throws IOException {
        plink(d);
        vcf(d);
        bimbam(d);
        pheno(d, "p.tsv", i -> Double.toString((i * 37 % 11) * 0.5), i -> Double.toString(i % 4));
        pheno(d, "cov.tsv", i -> Double.toString(i % 3), i -> Double.toString((i * 7) % 5));
        StringBuilder t = new StringBuilder("age,sex,bmi\n");
        Random rnd = new Random(4);
        for (int i = 0; i < 60; i++) {
            t.append(20 + rnd.nextInt(60)).append(',').append(rnd.nextBoolean() ? "F" : "M").append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", 18 + 15 * rnd.nextDouble())).append('\n');
        }
        Files.writeString(d.resolve("t.csv"), t);
        String ref = refSeq();
        StringBuilder fa = new StringBuilder(">chr1\n");
        for (int i = 0; i < ref.length(); i += 60) {
            fa.append(ref, i, Math.min(ref.length(), i + 60)).append('\n');
        }
        Files.writeString(d.resolve("ref.fa"), fa);
        Files.writeString(d.resolve("cohort.vcf"), COHORT_HEADER + snv(ref, 500) + snv(ref, 1000) + snv(ref, 2000));
        Files.writeString(d.resolve("spikes.vcf"), "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                + "chr1\t1501\tsnv1\t" + ref.charAt(1500) + "\t" + (ref.charAt(1500) == 'A' ? 'C' : 'A') + "\t.\t.\t.\n");
        Files.writeString(d.resolve("design.yaml"), "default: {samples: [A1, A3], zygosity: het}\n");
        Files.writeString(d.resolve("recipe.yaml"), "name: x\nseed: 1\ninput:\n  genotypes: g.bed\n");
    }

    static void plink(Path d) throws IOException {
        Random rnd = new Random(7);
        StringBuilder fam = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            fam.append("f").append(i).append(" s").append(i).append(" 0 0 ").append(1 + i % 2).append(" -9\n");
        }
        StringBuilder bim = new StringBuilder();
        for (int v = 0; v < VARIANTS; v++) {
            bim.append("1\trs").append(v).append("\t0\t").append(1000 + v * 10L).append("\tA\tG\n");
        }
        int bpv = (SAMPLES + 3) / 4;
        byte[] bed = new byte[3 + VARIANTS * bpv];
        for (int i = 3; i < bed.length; i++) {
            int b = 0;
            for (int k = 0; k < 4; k++) {
                int code = new int[] {0, 2, 3}[rnd.nextInt(3)]; // hom A1, het, hom A2: no missing
                b |= code << (2 * k);
            }
            bed[i] = (byte) b;
        }
        bed[0] = 0x6c;
        bed[1] = 0x1b;
        bed[2] = 0x01;
        Files.writeString(d.resolve("g.fam"), fam);
        Files.writeString(d.resolve("g.bim"), bim);
        Files.write(d.resolve("g.bed"), bed);
    }

    static void vcf(Path d) throws IOException {
        StringBuilder sb = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (int i = 0; i < SAMPLES; i++) {
            sb.append("\ts").append(i);
        }
        sb.append('\n');
        for (int v = 1; v <= VARIANTS; v++) {
            sb.append("1\t").append(100 * v).append("\trs").append(v).append("\tA\tG\t.\t.\t.\tGT")
                    .append(gts(SAMPLES, v)).append('\n');
        }
        Files.writeString(d.resolve("v.vcf"), sb);
    }

    private static String gts(int n) {
        return gts(n, 1);
    }

    private static String gts(int n, int seed) {
        Random rnd = new Random(seed);
        String[] g = {"0/0", "0/1", "1/1"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append('\t').append(g[rnd.nextInt(3)]);
        }
        return sb.toString();
    }

    static void bimbam(Path d) throws IOException {
        Random rnd = new Random(3);
        StringBuilder geno = new StringBuilder();
        StringBuilder anno = new StringBuilder();
        for (int v = 1; v <= VARIANTS; v++) {
            geno.append("rs").append(v).append(", A, G");
            for (int i = 0; i < SAMPLES; i++) {
                geno.append(", ").append(rnd.nextInt(3));
            }
            geno.append('\n');
            anno.append("rs").append(v).append(", ").append(1000 * v).append(", 1\n");
        }
        Files.writeString(d.resolve("b.geno.txt"), geno);
        Files.writeString(d.resolve("b.anno.txt"), anno);
        StringBuilder fam = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            fam.append("f").append(i).append(" s").append(i).append(" 0 0 1 -9\n");
        }
        Files.writeString(d.resolve("b.fam"), fam);
    }

    interface Value {
        String of(int sample);
    }

    /** A PLINK-style phenotype table of the PLINK samples: columns y and z. */
    static void pheno(Path d, String name, Value y, Value z) throws IOException {
        StringBuilder sb = new StringBuilder("#FID\tIID\ty\tz\n");
        for (int i = 0; i < SAMPLES; i++) {
            sb.append('f').append(i).append("\ts").append(i).append('\t').append(y.of(i)).append('\t').append(z.of(i))
                    .append('\n');
        }
        Files.writeString(d.resolve(name), sb);
    }

    static void replaceLine(Path file, int line, String text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, text);
        Files.write(file, lines);
    }

    static void cut(Path file, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length - bytes));
    }

    static void patchBytes(Path file, int at, byte[] with) throws IOException {
        byte[] b = Files.readAllBytes(file);
        System.arraycopy(with, 0, b, at, with.length);
        Files.write(file, b);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bytes)) {
            o.write(data);
        }
        return bytes.toByteArray();
    }

    /** Every file and directory under {@code root} (links not followed) with a hash of its bytes. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                String key = root.relativize(p).toString();
                try {
                    if (Files.isSymbolicLink(p)) {
                        m.put(key, "link " + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p)) {
                        m.put(key, "dir");
                    } else {
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        m.put(key, HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return m;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
