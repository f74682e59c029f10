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
import org.genosynth.io.NumberText;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;

/**
 * The sample file of a BIMBAM set: a PLINK {@code .fam} ({@code FID IID PAT MAT SEX [values...]}, columns 6+ kept as
 * {@code PHENO1..PHENOk}, {@code -9}/{@code NA} missing), {@code FID IID} pairs, or one ID per line. Every line must have
 * the same number of fields.
 */
final class BimbamSampleFile {
    private static final int FAM_FIXED_COLUMNS = 5;
    private static final String MISSING = "-9";

    private BimbamSampleFile() {
    }

    /** Reads the samples and their extra columns; a .fam-shaped file is read by {@link FamFile}. */
    static SampleSheet read(Path path) {
        if (looksLikeFam(path)) {
            return FamFile.read(path);
        }
        List<Sample> samples = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int width = -1;
        try (LineReader lines = new LineReader(path)) {
            String line;
            while ((line = lines.nextNonBlank()) != null) {
                String[] f = LineReader.splitWhitespace(line);
                if (width < 0) {
                    width = checkWidth(lines, f.length);
                } else if (f.length != width) {
                    throw lines.error(null, "expected " + width + " fields like line 1, found " + f.length);
                }
                samples.add(sample(f));
                values.add(extraColumns(lines, f));
            }
        }
        if (samples.isEmpty()) {
            throw InputException.inFile(path, "sample file is empty");
        }
        return new SampleSheet(samples, table(samples, values));
    }

    private static boolean looksLikeFam(Path path) {
        try (LineReader lines = new LineReader(path)) {
            String first = lines.nextNonBlank();
            return first != null && LineReader.splitWhitespace(first).length > FAM_FIXED_COLUMNS;
        }
    }

    /**
     * Writes a 6+ column .fam (tab-separated): FID IID PAT MAT SEX, then the sheet's columns, or a single {@code -9}
     * phenotype when it has none; {@code -9} marks a missing value.
     */
    static void write(Path path, SampleSheet sheet) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            FamFile.write(w, sheet);
        }
    }

    private static int checkWidth(LineReader lines, int width) {
        if (width >= 3 && width < FAM_FIXED_COLUMNS + 1) {
            throw lines.error(null, "expected a .fam line (FID IID PAT MAT SEX [phenotypes]), FID IID, or one ID; "
                    + "found " + width + " fields");
        }
        return width;
    }

    private static Sample sample(String[] f) {
        return switch (f.length) {
            case 1 -> Sample.of(f[0]);
            case 2 -> new Sample(f[0], f[1], Sample.UNKNOWN_ID, Sample.UNKNOWN_ID, Sex.UNKNOWN, null);
            default -> new Sample(f[0], f[1], f[2], f[3], Sex.fromPlink(f[4]), null);
        };
    }

    private static double[] extraColumns(LineReader lines, String[] f) {
        int k = Math.max(0, f.length - FAM_FIXED_COLUMNS);
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
            v[c] = phenotype(lines, f[FAM_FIXED_COLUMNS + c], "PHENO" + (c + 1));
        }
        return v;
    }

    private static double phenotype(LineReader lines, String text, String column) {
        if (text.equals("NA") || text.equals(MISSING)) {
            return Double.NaN;
        }
        try {
            double v = NumberText.parseDecimal(text);
            return v == -9 ? Double.NaN : v;
        } catch (NumberFormatException e) {
            throw lines.error(column, "not a number: '" + text + "'");
        }
    }

    /** The extra columns; a lone phenotype column with every value missing (PLINK's placeholder) is dropped. */
    private static PhenotypeTable table(List<Sample> samples, List<double[]> rows) {
        int k = rows.get(0).length;
        if (k == 1 && rows.stream().allMatch(r -> Double.isNaN(r[0]))) {
            k = 0;
        }
        List<String> names = new ArrayList<>(k);
        double[][] columns = new double[k][rows.size()];
        for (int c = 0; c < k; c++) {
            names.add("PHENO" + (c + 1));
            for (int r = 0; r < rows.size(); r++) {
                columns[c][r] = rows.get(r)[c];
            }
        }
        return new PhenotypeTable(samples.stream().map(Sample::id).toList(), names, columns);
    }
}
