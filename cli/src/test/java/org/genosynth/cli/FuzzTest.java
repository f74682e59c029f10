package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the PLINK, VCF, BCF, BIMBAM, phenotype, table and YAML readers, through the command
 * line. Each run copies valid inputs, mutates one file (bytes or text tokens), runs a command and checks: exit code 0
 * or 2 (anything else is a crash), no stack trace or internal error, no hang, inputs unchanged, and after exit 2 no
 * file left in the output directory (after exit 0, no temporary file).
 * <p>
 * CI runs {@value #DEFAULT_RUNS} mutations; {@code bench/fuzz.sh N} runs N (system properties
 * {@code genosynth.fuzz.runs}, {@code genosynth.fuzz.seed}) and keeps every failing input under
 * {@code genosynth.fuzz.keep} (default: the test's temporary directory).
 */
class FuzzTest {
    static final int DEFAULT_RUNS = 60;
    private static final long HANG_SECONDS = 30;

    @TempDir
    Path dir;

    /** A mutated file and the command that reads it ({d} = the run's directory). */
    record Target(String file, String command) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("g.bed", "qc -t 1 --input {d}/g --out {d}/out/q"),
            new Target("g.bim", "qc -t 1 --input {d}/g --out {d}/out/q"),
            new Target("g.fam", "convert -t 1 --input {d}/g --out {d}/out/c.vcf.gz"),
            new Target("v.vcf", "qc -t 1 --input {d}/v.vcf --out {d}/out/q"),
            new Target("v.vcf", "convert -t 1 --input {d}/v.vcf --out {d}/out/c.bed"),
            new Target("v.bcf", "qc -t 1 --input {d}/v.bcf --out {d}/out/q"),
            new Target("b.geno.txt", "qc -t 1 --input {d}/b.geno.txt --out {d}/out/q"),
            new Target("b.anno.txt", "convert -t 1 --input {d}/b.geno.txt --out {d}/out/c.bed"),
            new Target("p.tsv", "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --model linear "
                    + "--out {d}/out/gw"),
            new Target("cov.tsv", "gwas -t 1 --input {d}/g --pheno {d}/p.tsv --pheno-col y --covar {d}/cov.tsv "
                    + "--model linear --out {d}/out/gw"),
            new Target("t.csv", "table synth --input {d}/t.csv --seed 1 --out {d}/out/s.csv"),
            new Target("design.yaml", "spike --input {d}/cohort.vcf --variants {d}/spikes.vcf --design "
                    + "{d}/design.yaml --out {d}/out/sp"),
            new Target("cohort.vcf", "spike --input {d}/cohort.vcf --variants {d}/spikes.vcf --design "
                    + "{d}/design.yaml --out {d}/out/sp"));

    private static final String[] TOKENS = {"", "-1", "0", "NaN", "Infinity", "-Infinity", "1e308", "_", ".", "\t",
        " ", "99999999999999999999", "2147483648", "0/5", "1|", "A", "N", "*", "<DEL>", "#", "##", "\u00e9", "\\",
        "\"", ":", "[", "{", "- x", "null", "~"};

    @Test
    void shortSeededRunFindsNoCrashHangOrLeftover() throws Exception {
        int runs = Integer.getInteger("genosynth.fuzz.runs", DEFAULT_RUNS);
        long seed = Long.getLong("genosynth.fuzz.seed", 1L);
        Path keep = Path.of(System.getProperty("genosynth.fuzz.keep", dir.resolve("failures").toString()));
        Report report = run(dir, runs, seed, keep);
        System.out.println(report.summary());
        assertThat(report.failures).as(report.summary()).isEmpty();
        assertThat(report.exit0 + report.exit2).isEqualTo(runs);
    }

    /** Tallies of a fuzzing run. */
    static final class Report {
        int exit0;
        int exit2;
        final List<String> failures = new ArrayList<>();

        String summary() {
            return String.format("fuzz: %d runs, %d exit 0, %d exit 2, %d failures (crashes, stack traces, hangs, "
                    + "leftover files, changed inputs)%s", exit0 + exit2 + failures.size(), exit0, exit2,
                    failures.size(), failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures));
        }
    }

    static Report run(Path work, int runs, long seed, Path keep) throws Exception {
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        BadInputCorpusTest.all(seeds);
        CliRun bcf = CliRun.of("convert", "-t", "1", "--input", seeds.resolve("v.vcf").toString(), "--out",
                seeds.resolve("v.bcf").toString());
        if (bcf.exitCode() != 0) {
            throw new IllegalStateException("cannot make the BCF seed: " + bcf.err());
        }
        Report report = new Report();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < runs; i++) {
                Random rnd = new Random(seed * 1_000_003L + i);
                Target target = TARGETS.get(rnd.nextInt(TARGETS.size()));
                Path d = Files.createDirectories(work.resolve("run"));
                clear(d);
                copyAll(seeds, d);
                Path file = d.resolve(target.file());
                Files.write(file, mutate(Files.readAllBytes(file), rnd));
                Files.createDirectories(d.resolve("out"));
                Map<String, String> before = inputs(d);
                String[] args = Arrays.stream(target.command().split(" ")).map(a -> a.replace("{d}", d.toString()))
                        .toArray(String[]::new);
                String problem;
                int code = -1;
                Future<CliRun> f = pool.submit(() -> CliRun.of(args));
                try {
                    CliRun r = f.get(HANG_SECONDS, TimeUnit.SECONDS);
                    code = r.exitCode();
                    problem = check(r, d, before);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problem = "hang (no exit after " + HANG_SECONDS + " s)";
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor();
                }
                if (problem != null) {
                    Path kept = Files.createDirectories(keep.resolve("run-" + seed + "-" + i));
                    Files.copy(file, kept.resolve(target.file()), StandardCopyOption.REPLACE_EXISTING);
                    report.failures.add("run " + i + " (seed " + seed + ") " + target.command().split(" ")[0] + " on "
                            + "mutated " + target.file() + ": " + problem + " [input kept in " + kept + "]");
                } else if (code == 0) {
                    report.exit0++;
                } else {
                    report.exit2++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return report;
    }

    /** Null when the run kept the contract, else what broke it. */
    private static String check(CliRun r, Path d, Map<String, String> before) throws IOException {
        if (r.exitCode() != 0 && r.exitCode() != Main.USER_ERROR) {
            return "exit " + r.exitCode() + ": " + firstLines(r.err());
        }
        if (r.err().contains("\tat ") || r.err().contains("internal error") || r.err().contains("Exception")) {
            return "stack trace or internal error: " + firstLines(r.err());
        }
        if (r.exitCode() == Main.USER_ERROR && r.err().strip().lines().count() != 1) {
            return "error of more than one line: " + firstLines(r.err());
        }
        if (!inputs(d).equals(before)) {
            return "an input changed";
        }
        try (Stream<Path> s = Files.walk(d.resolve("out"))) {
            List<String> left = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> r.exitCode() != 0 || n.startsWith(".tmp-")).toList();
            if (!left.isEmpty()) {
                return "left in the output directory after exit " + r.exitCode() + ": " + left;
            }
        }
        try (Stream<Path> s = Files.list(d)) {
            List<String> tmp = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList();
            if (!tmp.isEmpty()) {
                return "temporary files left: " + tmp;
            }
        }
        return null;
    }

    private static String firstLines(String s) {
        return String.join(" | ", s.lines().limit(4).toList());
    }

    /** One to three mutations of {@code in}: byte flips, cuts, duplications, insertions, token and line edits. */
    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            b = mutateOnce(b, rnd);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, Random rnd) {
        if (b.length == 0) {
            return TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        }
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(8)) {
            case 0 -> { // flip bits of one byte
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1 -> { // truncate
                return Arrays.copyOf(b, at);
            }
            case 2 -> { // delete a range
                int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 3 -> { // duplicate a range
                int len = Math.min(b.length - at, 1 + rnd.nextInt(200));
                byte[] c = new byte[b.length + len];
                System.arraycopy(b, 0, c, 0, at + len);
                System.arraycopy(b, at, c, at + len, b.length - at);
                return c;
            }
            case 4 -> { // insert random bytes
                byte[] junk = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(junk);
                return insert(b, at, junk);
            }
            default -> { // text: replace a field (between separators) by an interesting token, or edit lines
                return textEdit(b, rnd);
            }
        }
    }

    private static byte[] textEdit(byte[] b, Random rnd) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int li = rnd.nextInt(lines.size());
        switch (rnd.nextInt(4)) {
            case 0 -> lines.add(rnd.nextInt(lines.size() + 1), lines.get(li));
            case 1 -> lines.remove(li);
            case 2 -> java.util.Collections.swap(lines, li, rnd.nextInt(lines.size()));
            default -> {
                String line = lines.get(li);
                String[] fields = line.split("(?<=[\t, :=])|(?=[\t, :=])", -1);
                if (fields.length > 0) {
                    int fi = rnd.nextInt(fields.length);
                    fields[fi] = TOKENS[rnd.nextInt(TOKENS.length)];
                    lines.set(li, String.join("", fields));
                }
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    private static Map<String, String> inputs(Path d) throws IOException {
        Map<String, String> m = BadInputCorpusTest.snapshot(d);
        m.keySet().removeIf(k -> k.equals("out") || k.startsWith("out/"));
        return m;
    }

    private static void copyAll(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void clear(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(d)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
