package org.genosynth.io.bimbam;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.io.plink.FamFile;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;

/**
 * The sample file of a BIMBAM set: a PLINK {@code .fam} (read and written by {@link FamFile}), {@code FID IID} pairs,
 * or one ID per line. Every line must have the same number of fields.
 */
final class BimbamSampleFile {
    private static final int FAM_MIN_COLUMNS = 6;

    private BimbamSampleFile() {
    }

    /** Reads the samples (and, from a .fam, their extra columns). */
    static SampleSheet read(Path path) {
        if (width(path) >= FAM_MIN_COLUMNS) {
            return FamFile.read(path);
        }
        List<Sample> samples = new ArrayList<>();
        int width = -1;
        try (LineReader lines = new LineReader(path)) {
            String line;
            while ((line = lines.nextNonBlank()) != null) {
                String[] f = LineReader.splitWhitespace(line);
                if (width < 0) {
                    width = f.length;
                    if (width > 2) {
                        throw lines.error(null, "expected a .fam line (FID IID PAT MAT SEX [phenotypes]), FID IID, "
                                + "or one ID; found " + width + " fields");
                    }
                } else if (f.length != width) {
                    throw lines.error(null, "expected " + width + " fields like line 1, found " + f.length);
                }
                samples.add(f.length == 1 ? Sample.of(f[0])
                        : new Sample(f[0], f[1], Sample.UNKNOWN_ID, Sample.UNKNOWN_ID, Sex.UNKNOWN, null));
            }
        }
        if (samples.isEmpty()) {
            throw InputException.inFile(path, "sample file is empty");
        }
        return SampleSheet.of(samples);
    }

    private static int width(Path path) {
        try (LineReader lines = new LineReader(path)) {
            String first = lines.nextNonBlank();
            return first == null ? 0 : LineReader.splitWhitespace(first).length;
        }
    }

    /** Writes the samples as a .fam. */
    static void write(Path path, SampleSheet sheet) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            FamFile.write(w, sheet);
        }
    }
}
