package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synth}, {@code convert}, {@code gwas}, {@code evaluate} and {@code benchmark} on the mouse cohort in a
 * separate JVM, killed with SIGKILL at several moments: nothing may appear under a final output name (only
 * {@code .tmp-} files, or files inside a pipeline's {@code .tmp-} staging directory), because a command's outputs are
 * published together at its very end. A run left to finish publishes its outputs and no temp file (the positive
 * control).
 */
class KillTest {
    private static final Path MOUSE = Path.of("../examples/mouse_hs1940/mouse_hs1940");
    /**
     * Kill moments, as fractions of the time a complete run took (start-up, reading, computing, writing): one while it
     * computes; the moments that matter most, while it writes, are caught by watching for its first temporary file.
     * (0.25, 0.5 and 0.75 before: 117 s in a CI run at load 5 for the five commands; 69 s with the one kill, in a
     * run beside another test JVM.)
     */
    private static final double[] KILL_AT = {0.5};

    @TempDir
    static Path dir;
    static Path split;
    static Path syn;

    @BeforeAll
    static void trainingAndSyntheticCohorts() {
        split = dir.resolve("split/mouse");
        syn = dir.resolve("syn/mouse");
        ok("split", "--input", MOUSE + ".bed.gz", "--pheno", MOUSE + ".pheno.txt.gz", "--fraction", "0.7", "--seed",
                "1", "--out", split.toString());
        // evaluate's synthetic input: any cohort with a phenotype will do (its quality is not what is tested), so a
        // small one without the calibrated polygenic background (about 20 s less here, and evaluate's runs shorter)
        ok("synth", "-t", "2", "--input", split + ".train", "--pheno", split + ".train.pheno.tsv", "--pheno-col", "1",
                "--method", "ldp", "--no-polygenic-background", "--n", "400", "--seed", "1", "--out", syn.toString());
    }

    private static void ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void synthKilledLeavesNothingUnderFinalNames() throws Exception {
        // .bed/.bim/.fam, .populations.tsv and the manifest: one fileset
        killedAtSeveralPoints("synth", "-t", "1", "--input", split + ".train", "--method", "mosaic", "--segment-cm",
                "100", "--seed", "1", "--out", "{o}/syn");
    }

    @Test
    void convertKilledLeavesNothingUnderFinalNames() throws Exception {
        killedAtSeveralPoints("convert", "-t", "1", "--input", MOUSE + ".bed.gz", "--out", "{o}/m.vcf.gz");
    }

    @Test
    void gwasKilledLeavesNothingUnderFinalNames() throws Exception {
        killedAtSeveralPoints("gwas", "-t", "1", "--input", MOUSE + ".bed.gz", "--pheno", MOUSE + ".pheno.txt.gz",
                "--pheno-col", "1", "--model", "linear", "--out", "{o}/g");
    }

    @Test
    void evaluateKilledLeavesNothingUnderFinalNames() throws Exception {
        killedAtSeveralPoints("evaluate", "-t", "1", "--real", split + ".train.bed", "--synthetic", syn + ".bed",
                "--holdout", split + ".holdout.bed", "--pheno", split + ".train.pheno.tsv", "--synthetic-pheno",
                syn + ".pheno.tsv", "--pheno-col", "1", "--model", "linear", "--out", "{o}/eval");
    }

    @Test
    void benchmarkKilledLeavesNothingUnderFinalNames() throws Exception {
        // a pipeline: its steps write into a staging .tmp- sibling of --out, moved into place at the end (SIGKILLed
        // at 20 s it left steps/synth.bed/.bim/.fam)
        killedAtSeveralPoints("benchmark", "--config", "../examples/recipes/syngen6_mouse.yaml", "--threads", "1",
                "--out", "{o}/bench");
    }

    /**
     * Runs the command once to the end (the positive control, which also times it), then again, killed at
     * {@link #KILL_AT} of that time, and killed 0 and 20 ms after its first temporary file appeared.
     */
    private void killedAtSeveralPoints(String... args) throws Exception {
        Path done = Files.createTempDirectory(dir, "done-" + args[0] + "-");
        long t0 = System.nanoTime();
        Process control = start(done, args);
        assertThat(control.waitFor(600, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(control.exitValue()).as(args[0] + " run to the end").isZero();
        assertThat(finalNames(done)).isNotEmpty();
        try (Stream<Path> s = Files.walk(done)) {
            assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList()).isEmpty();
        }
        int killedRunning = 0;
        for (double at : KILL_AT) {
            long ms = Math.round(at * millis);
            Path out = Files.createTempDirectory(dir, "kill-" + args[0] + "-" + ms + "-");
            Process p = start(out, args);
            if (!p.waitFor(ms, TimeUnit.MILLISECONDS)) {
                killedRunning += killAndCheck(p, out, done, args[0] + " killed after " + ms + " of " + millis + " ms");
            }
        }
        // and while it writes: once its first temporary file exists (on a loaded machine the moments above can all
        // fall after a short command has finished)
        for (long delay : new long[] {0, 20}) {
            Path out = Files.createTempDirectory(dir, "kill-" + args[0] + "-writing-" + delay + "-");
            Process p = start(out, args);
            while (p.isAlive() && !hasTemp(out)) {
                Thread.sleep(1);
            }
            if (p.isAlive()) {
                Thread.sleep(delay);
            }
            if (p.isAlive()) {
                killedRunning += killAndCheck(p, out, done, args[0] + " killed " + delay + " ms after its first "
                        + "temporary file");
            }
        }
        assertThat(killedRunning).as(args[0] + " still running when killed").isGreaterThanOrEqualTo(1);
    }

    /** SIGKILLs {@code p} and checks that nothing but the whole fileset is under final names; returns 1. */
    private static int killAndCheck(Process p, Path out, Path done, String what) throws Exception {
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // nothing under the final names, or (killed after publishing, while the JVM was exiting) the whole fileset:
        // never a part of it
        List<String> left = finalNames(out);
        if (!left.isEmpty()) {
            assertThat(left).as(what + ": a partial fileset under final names")
                    .containsExactlyInAnyOrderElementsOf(finalNames(done));
        }
        return 1;
    }

    private static boolean hasTemp(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(".tmp-"));
        } catch (java.io.UncheckedIOException e) {
            return false; // a file vanished while walking (renamed at publish)
        }
    }

    private static Process start(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (String a : args) {
            cmd.add(a.replace("{o}", out.toString()));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    /** Every regular file under {@code out} that is neither a temporary name nor inside a staging .tmp- directory. */
    private static List<String> finalNames(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(f -> out.relativize(f).toString())
                    .filter(n -> !n.startsWith(".tmp-") && !n.contains("/.tmp-")).toList();
        }
    }
}
