package org.genosynth.io.plink;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.FieldLines;
import org.genosynth.io.InputException;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.io.NumberText;

/**
 * PLINK .fam sample files: {@code FID IID PAT MAT SEX PHENOTYPE [more phenotype columns...]}. Columns from the sixth on
 * are kept as per-sample columns named {@code PHENO1..PHENOk} ({@code -9}/{@code NA} = missing), as GEMMA reads them.
 * Parents that name no sample of the file are kept as text but make nobody a non-founder.
 */
public final class FamFile {
    private FamFile() {
    }

    /** Reads a .fam (plain or gzipped). Duplicate FID+IID pairs and short or ragged lines are errors. */
    public static SampleSheet read(Path path) {
        List<Sample> samples = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int columns = -1;
        try (FieldLines in = new FieldLines(path)) {
            String[] f;
            while ((f = in.next()) != null) {
                if (f.length < 6) {
                    throw in.error(null, "expected at least 6 columns (FID IID PAT MAT SEX PHENOTYPE), found "
                            + f.length);
                }
                if (columns >= 0 && f.length != columns) {
                    throw in.error(null, "expected " + columns + " columns like the lines above, found " + f.length);
                }
                columns = f.length;
                if (!seen.add(f[0].concat("\t").concat(f[1]))) {
                    throw in.error("IID", "duplicate sample FID '" + f[0] + "' IID '" + f[1] + "'");
                }
                samples.add(new Sample(f[0], f[1], f[2], f[3], Sex.fromPlink(f[4]), null));
                double[] v = new double[f.length - 5];
                for (int c = 5; c < f.length; c++) {
                    v[c - 5] = parsePhenotype(f[c], in, c);
                }
                values.add(v);
            }
        }
        if (samples.isEmpty()) {
            throw InputException.inFile(path, "no samples: the .fam file is empty");
        }
        return new SampleSheet(samples, toTable(samples, values, Math.max(columns - 5, 0)));
    }

    private static double parsePhenotype(String text, FieldLines in, int column) {
        if (isMissing(text)) {
            return Double.NaN;
        }
        if (text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '9') {
            return text.charAt(0) - '0';   // case/control codes, without the general parser
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw in.error("PHENO" + (column - 4), "not a number: '" + text + "' (missing values are -9 or NA)");
        }
    }

    /** True for the PLINK/GEMMA missing-phenotype codes. */
    public static boolean isMissing(String text) {
        return text.equals("-9") || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("nan") || text.equals(".")
                || text.isEmpty();
    }

    /** The extra columns; a lone phenotype column with every value missing (PLINK's placeholder) is dropped. */
    private static PhenotypeTable toTable(List<Sample> samples, List<double[]> rows, int columnCount) {
        if (columnCount == 1 && rows.stream().allMatch(r -> Double.isNaN(r[0]))) {
            columnCount = 0;
        }
        List<String> names = new ArrayList<>();
        double[][] cols = new double[columnCount][samples.size()];
        for (int c = 0; c < columnCount; c++) {
            names.add("PHENO" + (c + 1));
            for (int r = 0; r < rows.size(); r++) {
                cols[c][r] = rows.get(r)[c];
            }
        }
        return new PhenotypeTable(samples.stream().map(Sample::id).toList(), names, cols);
    }

    /** Writes a .fam; without sample columns the phenotype column is {@code -9}, PLINK's missing value. */
    public static void write(Writer out, SampleSheet sheet) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        PhenotypeTable cols = sheet.columns();
        for (int i = 0; i < sheet.size(); i++) {
            Sample s = sheet.samples().get(i);
            sb.setLength(0);
            sb.append(s.familyId()).append('\t').append(s.id()).append('\t').append(s.fatherId()).append('\t')
                    .append(s.motherId()).append('\t').append(s.sex().plinkCode());
            if (cols.columnCount() == 0) {
                sb.append("\t-9");
            }
            for (int c = 0; c < cols.columnCount(); c++) {
                double v = cols.column(c)[i];
                sb.append('\t').append(Double.isNaN(v) ? "-9" : NumberText.formatDouble(v));
            }
            out.write(sb.append('\n').toString());
        }
    }
}
