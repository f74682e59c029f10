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
        Path out = Files.createDirectories(dir.resolve("out"));
        // through env --default-signal=INT: a shell that starts a job in the background without job control (CI
        // scripts, nohup ... &) makes it ignore SIGINT, and a JVM started ignoring SIGINT never stops on it (the
        // fresh-clone CI run that way saw convert finish, exit 0, in 5 of 5 tries)
        Process p = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "convert", "-t",
                "1", "--input", MOUSE + ".bed.gz", "--out", out.resolve("sub/m.vcf.gz").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .directory(new File(System.getProperty("user.dir"))).start();
        while (p.isAlive() && files(out).stream().noneMatch(n -> n.contains(".tmp-"))) {
            Thread.sleep(1);
        }
        assertThat(p.isAlive()).as("convert still running when its first temporary file appeared").isTrue();
        assertThat(files(out)).anyMatch(n -> n.startsWith("sub/.tmp-"));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 128 + signal number: the JVM exits on the signal after running its shutdown hooks
        assertThat(p.exitValue()).isEqualTo(signal.equals("TERM") ? 143 : 130);
        assertThat(files(out)).as("left after SIG" + signal).isEmpty();
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
