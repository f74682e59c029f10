package org.genosynth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The header and first variants of a human_1kg_chr20 VCF, written as a plain VCF: the files' region cut short. */
final class KgHead {
    private KgHead() {
    }

    /** Writes the header and first {@code variants} records of {@code file} (in human_1kg_chr20) to {@code out}. */
    static Path write(String file, int variants, Path out) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(Path.of("../../shared/data/human_1kg_chr20/" + file)))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            long header = lines.stream().takeWhile(l -> l.startsWith("#")).count();
            Files.write(out, lines.subList(0, (int) header + variants));
        }
        return out;
    }
}
