package org.genosynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress is drawn on a terminal only (issue 15): {@code synth} of the mouse training set run on a pseudo-terminal
 * ({@code script}, util-linux) redraws its progress line with carriage returns; the same run in a pipe writes plain
 * lines, no carriage return and no escape code.
 */
class ProgressTerminalTest {
    private static final Path MOUSE = Path.of("../examples/mouse_hs1940/mouse_hs1940");

    @TempDir
    Path dir;

    @Test
    void aTerminalGetsProgressAndAPipeGetsPlainLines() throws Exception {
        // an explicit mosaic, without the defaults' calibration: the same bar, redrawn every 250 ms, in about 13 s a
        // run instead of 18 s (two runs: 25.9 s against 37.7 s in CI)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> synth = List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "synth", "-t", "2", "--input", MOUSE + ".bed.gz", "--method", "mosaic",
                "--segment-cm", "100", "--seed", "1", "--out");
        String onTerminal = run(withOut(synth, dir.resolve("tty/s").toString()), true);
        String inPipe = run(withOut(synth, dir.resolve("pipe/s").toString()), false);
        // on the terminal: the progress line redrawn in place
        assertThat(onTerminal).contains("wrote ").contains("\r");
        assertThat(onTerminal.chars().filter(ch -> ch == '\r').count()).isGreaterThan(5);
        // in a pipe: the same summary, not one redraw
        assertThat(inPipe).contains("wrote ").doesNotContain("\r").doesNotContain("\u001b");
    }

    private static List<String> withOut(List<String> cmd, String out) {
        List<String> c = new ArrayList<>(cmd);
        c.add(out);
        return c;
    }

    /** The command's output, run on a pseudo-terminal ({@code script -qfec}) or with its output in a pipe. */
    private String run(List<String> cmd, boolean terminal) throws Exception {
        List<String> full = terminal ? List.of("script", "-qfec", String.join(" ", cmd.stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'").toList()), "/dev/null") : cmd;
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("CI");
        env.put("TERM", "xterm");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(new String(out)).isZero();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
