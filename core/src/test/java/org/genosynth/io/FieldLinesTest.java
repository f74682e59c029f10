package org.genosynth.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldLinesTest {
    @TempDir
    Path dir;

    /** What the line-based readers did: BufferedReader lines, blank ones skipped, split on whitespace runs. */
    private static List<String> byLineReader(Path file) {
        List<String> out = new ArrayList<>();
        try (LineReader in = new LineReader(file)) {
            String line;
            while ((line = in.next()) != null) {
                if (!line.isBlank()) {
                    out.add(in.lineNumber() + ":" + String.join("|", LineReader.splitWhitespace(line)));
                }
            }
        }
        return out;
    }

    private static List<String> byFieldLines(Path file) {
        List<String> out = new ArrayList<>();
        try (FieldLines in = new FieldLines(file)) {
            String[] f;
            while ((f = in.next()) != null) {
                out.add(in.lineNumber() + ":" + String.join("|", f));
            }
        }
        return out;
    }

    private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    @Test
    void sameFieldsAndLineNumbersAsTheLineReaderOnAwkwardText() throws IOException {
        String text = "1\trs1\t0\t100\tA\tG\r\n\n   \t \n2 rs2  0.5 200 C T\rX\trs\u00fc3\t0\t300\tA\tT\n"
                + "\u001c\n \f\u000b \nlast\tline\twithout\tnewline";
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = write("awkward" + gzip, text.getBytes(StandardCharsets.UTF_8), gzip);
            assertThat(byFieldLines(file)).isEqualTo(byLineReader(file)).hasSize(4);
        }
    }

    @Test
    void sameOnRandomLinesAcrossBufferBoundaries() throws IOException {
        Random rnd = new Random(5);
        String[] pieces = {"a", "bc", "rs12345", "\u00e9", " ", "\t", "  ", "\r\n", "\n", "\r", "\f", "0.25", "-9"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
            if (rnd.nextInt(5000) == 0) {
                sb.append("x".repeat(70_000));   // a line longer than the read buffer
            }
        }
        Path file = write("random", sb.toString().getBytes(StandardCharsets.UTF_8), false);
        List<String> expected = byLineReader(file);
        assertThat(byFieldLines(file)).isEqualTo(expected);
        assertThat(expected.size()).isGreaterThan(1000);
    }
}
