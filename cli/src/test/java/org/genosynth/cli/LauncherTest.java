package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
 * The build as a new user meets it, in a fresh clone of the committed state: Maven's output has no raw escape codes
 * (Maven 3.8's jansi wrote {@code ESC[0m} per stream even in batch mode; {@code .mvn/} turns that off), and two first
 * runs of {@code ./genosynth} started together build the jar once (the second waits on the build lock) instead of
 * racing two Maven builds in one tree (the second failed replacing the shaded jar, or ran a jar being rewritten);
 * and the launcher asks for transparent huge pages only where the kernel offers them.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private Path freshClone() throws IOException, InterruptedException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path clone = tmp.resolve("genosynth");
        assertThat(run(tmp, List.of("git", "clone", "-q", repo.toString(), clone.toString())).code()).isZero();
        return clone;
    }

    @Test
    void mavenBatchOutputHasNoEscapeCodes() throws Exception {
        assumeThat(onPath("mvn")).as("mvn on PATH").isTrue();
        Processes.Result r = run(freshClone(), List.of("mvn", "-B", "-ntp", "-o", "-q", "validate"));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("\u001b");
    }

    @Test
    void concurrentFirstRunsBuildTheJarOnce() throws Exception {
        assumeThat(onPath("mvn") && onPath("flock")).as("mvn and flock on PATH").isTrue();
        Path clone = freshClone();
        List<Process> runs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = tmp.resolve("run" + i + ".log");
            ProcessBuilder pb = new ProcessBuilder("bash", "./genosynth", "--version").directory(clone.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GENOSYNTH_CDS", "0");
            runs.add(pb.start());
            logs.add(log);
            Thread.sleep(300);
        }
        String all = "";
        for (int i = 0; i < 2; i++) {
            assertThat(runs.get(i).waitFor(10, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(logs.get(i), StandardCharsets.UTF_8);
            all += out;
            assertThat(runs.get(i).exitValue()).as(out).isZero();
            assertThat(out).contains("genosynth development build").doesNotContain("Unable to access jarfile")
                    .doesNotContain("ERROR");
        }
        assertThat(all.lines().filter(l -> l.contains("building the command-line jar"))).hasSize(1);
        assertThat(all).contains("waiting for another genosynth's build of the jar to finish");
        assertThat(clone.resolve("cli/target/.genosynth-building")).doesNotExist();
    }

    /**
     * The launcher asks for transparent huge pages ({@code -XX:+UseTransparentHugePages}) exactly when the kernel
     * offers them ({@code [madvise]} or {@code [always]} in {@code /sys/kernel/mm/transparent_hugepage/enabled}), and
     * adds nothing to options given in {@code GENOSYNTH_JAVA_OPTS}. The launcher is copied beside an empty jar (not
     * stale: no sources beside it) and runs a stand-in {@code java} that prints its arguments.
     */
    @Test
    void hugePagesWhereTheKernelOffersThem() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path home = tmp.resolve("launcher");
        Files.createDirectories(home.resolve("cli/target"));
        Files.copy(root.resolve("genosynth"), home.resolve("genosynth"));
        Files.createFile(home.resolve("cli/target/genosynth.jar"));
        Path fakeJava = tmp.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String mode = Files.isReadable(thp) ? Files.readString(thp) : "";
        boolean offered = mode.contains("[madvise]") || mode.contains("[always]");
        for (String opts : new String[] {null, "-Xmx1g"}) {
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("genosynth").toString(), "qc")
                    .directory(tmp.toFile()).redirectErrorStream(true);
            pb.environment().put("GENOSYNTH_CDS", "0");
            pb.environment().put("GENOSYNTH_JAVA", fakeJava.toString());
            pb.environment().remove("GENOSYNTH_JAVA_OPTS");
            if (opts != null) {
                pb.environment().put("GENOSYNTH_JAVA_OPTS", opts);
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            List<String> args = List.of(out.trim().split(" "));
            assertThat(args).as(out).contains("-jar", "qc");
            if (opts == null) {
                assertThat(args.contains("-XX:+UseTransparentHugePages")).as(mode + ": " + out).isEqualTo(offered);
                assertThat(args).contains("-XX:+UseSerialGC");
            } else {
                assertThat(args).as(out).doesNotContain("-XX:+UseTransparentHugePages", "-XX:+UseSerialGC")
                        .contains("-Xmx1g");
            }
        }
    }

    private static boolean onPath(String program) throws IOException, InterruptedException {
        return run(Path.of("."), List.of("bash", "-c", "command -v " + program)).code() == 0;
    }

    private static Processes.Result run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        return Processes.run(dir, cmd);
    }
}
