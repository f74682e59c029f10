package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./genosynth ...} lines, as written (relative paths, relative {@code --out}), run in order in a
 * directory laid out like a fresh clone ({@code examples/} and {@code ../shared} beside it), each in its own JVM. A
 * line runs when the files it reads exist (lines about the user's own files, such as {@code data/cohort.bed}, are
 * placeholders); {@link #SLOW} lines (minutes of LMM or calibration on the mouse cohort) are left to
 * {@code bench/synth_cohorts.sh} and {@code bench/evaluate_mouse.sh}.
 */
class ReadmeExamplesTest {
    private static final List<String> SLOW = List.of("--max-kinship 0.0884", "--infer-populations 3", "--model lmm",
            "--segment-cm 20", "demo");
    private static final List<String> READS = List.of("--input", "--config", "--real", "--synthetic", "--holdout",
            "--pheno", "--vcf", "--reference", "--variants", "--design", "--keep", "--exclude", "--covar", "--truth",
            "--calls", "--watermark", "--gwas", "--key-file");

    @TempDir
    Path dir;

    @Test
    void theReadmeExamplesRunAsWritten() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path clone = Files.createDirectories(dir.resolve("genosynth"));
        Files.createSymbolicLink(clone.resolve("examples"), root.resolve("examples"));
        Files.createSymbolicLink(dir.resolve("shared"), Path.of(System.getProperty("genosynth.shared",
                root.resolveSibling("shared").toString())).toAbsolutePath());
        List<String> ran = new ArrayList<>();
        for (String line : commands(Files.readString(root.resolve("README.md")))) {
            List<String> args = List.of(line.substring("./genosynth ".length()).trim().split("\\s+"));
            if (SLOW.stream().anyMatch(line::contains) || !inputsExist(clone, args)) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(clone.toFile()).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(line).isTrue();
            assertThat(p.exitValue()).as(line + "\n" + new String(output, StandardCharsets.UTF_8)).isZero();
            ran.add(line);
        }
        // split, synth ldp, the four table lines, three conversions, pheno simulate, benchmark
        assertThat(ran).as("README lines run").hasSizeGreaterThanOrEqualTo(11)
                .anyMatch(l -> l.contains("benchmark --config examples/recipes/syngen6_mouse.yaml --out bench/mouse"));
        assertThat(clone.resolve("bench/mouse/mouse.manifest.json")).exists();
        assertThat(clone.resolve("syn/ldp.bed")).exists();
    }

    /** The {@code ./genosynth} lines of the README's bash blocks, continuation lines joined, comments dropped. */
    static List<String> commands(String readme) {
        List<String> out = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = null;
        for (String raw : readme.split("\n")) {
            if (raw.startsWith("```")) {
                inBash = raw.startsWith("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            String line = raw.replaceFirst("\\s+#.*$", "");
            if (pending != null) {
                pending.append(' ').append(line.strip());
            } else if (line.startsWith("./genosynth ")) {
                pending = new StringBuilder(line.strip());
            } else {
                continue;
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                out.add(pending.toString().replaceAll("\\s+", " "));
                pending = null;
            }
        }
        return out;
    }

    private static boolean inputsExist(Path cwd, List<String> args) throws IOException {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (READS.contains(args.get(i))) {
                Path p = cwd.resolve(args.get(i + 1));
                if (!Files.exists(p) && !Files.exists(Path.of(p + ".bed")) && !Files.exists(Path.of(p + ".bed.gz"))) {
                    return false;
                }
            }
        }
        return true;
    }
}
