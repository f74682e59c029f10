package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write that fails part-way (here the file-size limit of {@code ulimit -f}, as a full disk would): the one error line
 * names the output being written, though htsjdk's BGZF writer says "streamed file (filename not available)" and the
 * operating system's text names no file; nothing is left.
 */
class WriteFailureTest {
    private static final Path MOUSE = Path.of("../examples/mouse_hs1940/mouse_hs1940");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"m.vcf.gz", "m.bcf"})
    void aFailedWriteNamesTheOutput(String name) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 200 blocks of 512 bytes: the converted cohort is far larger
        String cmd = "ulimit -f 200; exec '" + java + "' -Xmx1g -XX:+UseSerialGC -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " convert -t 1 --input "
                + MOUSE + ".bed.gz --out '" + out.resolve(name) + "'";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true)
                .directory(new File(System.getProperty("user.dir"))).start();
        String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(Main.USER_ERROR);
        assertThat(err).isEqualTo("genosynth: error: cannot write " + out.resolve(name) + ": File too large (check "
                + "free disk space and permissions)\n");
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
