package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's usage examples, run as a new user runs them: from a fresh clone (with {@code ../shared} beside it, as
 * beside any checkout), in order, each as its own process with the clone as working directory. An example runs when
 * every file it reads exists (shipped with the repository or written by an earlier example); the mouse flow, the
 * clinical tables, the conversions and the benchmark recipe must all run. Afterwards git sees nothing new: everything
 * was written under the ignored {@code work/} folder.
 */
class ReadmeExamplesTest {
    /** Options whose value is a file an example reads. */
    private static final Set<String> INPUTS = Set.of("--input", "--pheno", "--covar", "--real", "--synthetic",
            "--holdout", "--synthetic-pheno", "--truth", "--calls", "--reference", "--config", "--vcf", "--variants",
            "--design", "--watermark", "--gwas", "--key-file", "--keep", "--exclude");

    @TempDir
    Path tmp;

    @Test
    void usageExamplesRunFromAFreshCloneAndWriteOnlyUnderWork() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path clone = tmp.resolve("genosynth");
        run(tmp, List.of("git", "clone", "-q", repo.toString(), clone.toString()));
        Path shared = Files.createSymbolicLink(tmp.resolve("shared"), repo.resolveSibling("shared").toRealPath());
        try {
            runExamples(clone);
        } finally {
            Files.delete(shared);
        }
    }

    private void runExamples(Path clone) throws Exception {

        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (List<String> args : examples(Files.readString(clone.resolve("README.md")))) {
            String line = String.join(" ", args);
            if (!inputsExist(clone, args)) {
                skipped.add(line);
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx2g", "-cp", classPath(),
                    "org.genosynth.cli.Main"));
            cmd.addAll(args);
            Processes.Result r = run(clone, cmd);
            assertThat(r.code()).as(line + "\n" + r.output()).isZero();
            ran.add(line);
        }
        assertThat(ran).as("skipped: " + skipped)
                .anyMatch(l -> l.startsWith("gwas --input examples/mouse_hs1940/mouse_hs1940.geno.txt.gz"))
                .anyMatch(l -> l.startsWith("split --input examples/"))
                .anyMatch(l -> l.startsWith("evaluate --real work/split/mouse.train.bed"))
                .anyMatch(l -> l.startsWith("table evaluate"))
                .anyMatch(l -> l.startsWith("convert --input work/mouse.vcf.gz"))
                .anyMatch(l -> l.startsWith("pheno simulate --input work/mouse.bed"))
                .anyMatch(l -> l.startsWith("benchmark --config"));
        assertThat(ran.stream().filter(l -> l.startsWith("synth "))).hasSize(5);
        assertThat(clone.resolve("work/syn/admixed.ancestry.tsv")).isNotEmptyFile();
        assertThat(clone.resolve("work/eval/report.html")).isNotEmptyFile();
        assertThat(clone.resolve("work/bench/mouse")).isDirectory();
        // nothing outside work/: git sees no new file, and every ignored path is under work/
        assertThat(run(clone, List.of("git", "status", "--porcelain", "--untracked-files=all")).output()).isEmpty();
        assertThat(run(clone, List.of("git", "status", "--porcelain", "--ignored")).output().lines())
                .containsExactly("!! work/");
    }

    /** The {@code ./genosynth} commands of the Usage section's bash blocks, continuation lines joined. */
    static List<List<String>> examples(String readme) {
        String usage = readme.substring(readme.indexOf("\n## Usage"));
        usage = usage.substring(0, usage.indexOf("\n## ", 5));
        List<List<String>> out = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        for (String line : usage.lines().toList()) {
            if (line.startsWith("```")) {
                inBash = line.startsWith("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            String text = line.replaceFirst("\\s+#.*$", "");
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            String full = (pending + text).strip();
            pending.setLength(0);
            if (full.startsWith("./genosynth ")) {
                out.add(List.of(full.substring("./genosynth ".length()).strip().split("\\s+")));
            }
        }
        return out;
    }

    private static boolean inputsExist(Path dir, List<String> args) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (INPUTS.contains(args.get(i))) {
                Path p = dir.resolve(args.get(i + 1));
                if (!Files.exists(p) && !Files.exists(Path.of(p + ".bed"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Processes.Result run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        return Processes.run(dir, cmd);
    }
}
