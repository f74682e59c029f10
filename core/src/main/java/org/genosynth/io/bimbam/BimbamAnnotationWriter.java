package org.genosynth.io.bimbam;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.genosynth.io.NumberText;
import org.genosynth.model.Variant;

/**
 * Writes the plain-text annotation {@code rs bp chr cM} (tab-separated, {@code NA} when unknown). The cM column is
 * dropped by {@link #finish()} when no variant had one, so GEMMA sees {@code rs bp chr}.
 */
final class BimbamAnnotationWriter {
    private final Path path;
    private final BufferedWriter out;
    private boolean anyCentimorgan;

    BimbamAnnotationWriter(Path path) throws IOException {
        this.path = path;
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    void write(String id, Variant v) throws IOException {
        out.write(id);
        out.write('\t');
        out.write(v.hasPosition() ? Long.toString(v.position()) : "NA");
        out.write('\t');
        out.write(v.chrom());
        out.write('\t');
        if (v.hasCentimorgan()) {
            anyCentimorgan = true;
            out.write(NumberText.formatDouble(v.centimorgan()));
        } else {
            out.write("NA");
        }
        out.write('\n');
    }

    /** Closes the file, rewriting it without the cM column when no variant had a genetic position. */
    void finish() throws IOException {
        out.close();
        if (anyCentimorgan) {
            return;
        }
        Path threeColumns = path.resolveSibling(path.getFileName() + ".3col");
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(threeColumns, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line, 0, line.lastIndexOf('\t'));
                w.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(threeColumns);
            throw e;
        }
        Files.move(threeColumns, path, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes the file after a failure (the caller deletes it). */
    void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is a temporary that is being discarded
        }
    }
}
