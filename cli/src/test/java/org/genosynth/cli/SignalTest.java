package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code convert} of the mouse cohort to VCF.gz in a separate JVM, stopped with SIGTERM or SIGINT (Ctrl-C) while it
 * writes: the fileset's shutdown hook deletes its temporary files, so nothing is left at all, neither final names nor
 * {@code .tmp-} files (SIGKILL, which runs no hook, is {@link KillTest}'s).
 */
class SignalTest {
    private static final Path MOUSE = Path.of("../examples/mouse_hs1940/mouse_hs1940");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stoppedWhileWritingLeavesNoFile(String signal) throws Exception {
        // on a quiet machine convert can finish between its first temporary file and the signal (exit 0, its
        // outputs published whole): then it is run again, up to 5 times, and one run must have been stopped
        for (int attempt = 0; attempt < 5; attempt++) {
            Path out = Files.createDirectories(dir.resolve("out" + attempt));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "convert", "-t", "1", "--input", MOUSE + ".bed.gz", "--out", out.resolve("sub/m.vcf.gz").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .directory(new File(System.getProperty("user.dir"))).start();
            while (p.isAlive() && files(out).stream().noneMatch(n -> n.contains(".tmp-"))) {
                Thread.sleep(1);
            }
            assertThat(p.isAlive()).as("convert still running when its first temporary file appeared").isTrue();
            assertThat(files(out)).anyMatch(n -> n.startsWith("sub/.tmp-"));
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                // finished before the signal arrived: the whole fileset, no temporary file
                assertThat(files(out)).containsExactlyInAnyOrder("sub/m.vcf.gz", "sub/m.vcf.gz.tbi");
                continue;
            }
            // 128 + signal number: the JVM exits on the signal after running its shutdown hooks
            assertThat(p.exitValue()).isEqualTo(signal.equals("TERM") ? 143 : 130);
            assertThat(files(out)).as("left after SIG" + signal).isEmpty();
            return;
        }
        throw new AssertionError("convert finished before SIG" + signal + " in all 5 runs");
    }

    /** Every regular file under {@code out}, relative to it. */
    private static List<String> files(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(f -> out.relativize(f).toString()).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file vanished while walking
        }
    }
}
