package org.genosynth.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer tool (plink2, bcftools, gemma) for a cross-check. A missing tool fails the test: CI installs them
 * (.ci/run), and a cross-check that silently skips would prove nothing.
 */
public final class PeerTool {
    private PeerTool() {
    }

    /** Runs {@code command} in {@code dir}; fails the test unless it exits 0. Returns stdout. */
    public static String run(Path dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("OPENBLAS_NUM_THREADS", "1");
        Path out = dir.resolve(".peer-" + command[0] + ".out");
        Path err = dir.resolve(".peer-" + command[0] + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(command[0] + " timed out");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8) + stdout);
            }
            return stdout;
        } catch (IOException e) {
            return fail(command[0] + " could not be run (" + e.getMessage() + "); install it with "
                    + "`apt-get install plink2 bcftools gemma samtools bwa art-nextgen-simulation-tools` (.ci/run does)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** A tab-separated table with a header line (a leading '#' is dropped from the first column name). */
    public record Table(List<String> header, List<String[]> rows) {
        /** Index of a column; fails when absent. */
        public int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                fail("no column " + name + " in " + header);
            }
            return i;
        }
    }

    /** Reads a table written by plink2 or genosynth. */
    public static Table readTable(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>(List.of(lines.get(0).split("\t")));
            header.set(0, header.get(0).replaceFirst("^#", ""));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split("\t"));
            }
            return new Table(header, rows);
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e);
        }
    }

    /**
     * Tolerance for comparing our value with a number plink2 printed with 6 significant digits: {@code relative} of
     * the value plus half a unit in the last printed digit.
     */
    public static double printedTolerance(double printed, double relative) {
        if (printed == 0 || Double.isNaN(printed)) {
            return 5e-7;
        }
        double magnitude = Math.floor(Math.log10(Math.abs(printed)));
        return relative * Math.abs(printed) + 0.5 * Math.pow(10, magnitude - 5);
    }
}
