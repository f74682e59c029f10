package org.genosynth.watermark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;

/**
 * {@code OUT.watermark.tsv}: {@code ##} lines with the settings, then
 * {@code #ID CHROM POS REF ALT A1 A1_FREQ OBS_CT BETA SE LOG10_P} (A1 = ALT; statistics of a per-SNP GWAS without
 * covariates, logistic for a binary phenotype, linear otherwise; numbers with 17 significant digits).
 */
final class WatermarkTruth {
    private WatermarkTruth() {
    }

    /** One expected row. */
    record Expected(String id, String chrom, long pos, String ref, String alt, double a1Freq, int obsCount,
                    double beta, double se, double log10p) {
    }

    static Path write(AtomicOutput out, Path path, List<WatermarkSnp> snps, WatermarkJob.Request r, Phenotype y) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("##genosynth watermark: mode=" + r.mode().name().toLowerCase(Locale.ROOT)
                    + (r.mode() == WatermarkJob.Mode.SYNGEN6 ? " eps=" + r.eps() + " z0=" + r.z0()
                    : " target_p=" + r.targetP()) + "\n");
            w.write("##model=" + (y.binary() ? "logistic" : "linear") + " covariates=none phenotype=" + r.phenoCol()
                    + " samples=" + y.analysed().length + "\n");
            w.write("#ID\tCHROM\tPOS\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tLOG10_P\n");
            for (WatermarkSnp s : snps) {
                var v = s.variant();
                w.write(String.join("\t", v.id(), v.chrom(), Long.toString(v.position()), v.ref(), v.alt(), v.alt(),
                        num(s.a1Freq()), Integer.toString(s.obsCount()), num(s.beta()), num(s.se()),
                        num(s.log10p())) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.17g", v);
    }

    static List<Expected> read(Path path) {
        List<Expected> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.inFile(path, "cannot read: " + e.getMessage());
        }
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("##") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("#ID\t")) {
                header = true;
                continue;
            }
            if (!header) {
                throw new InputException(path, i + 1, null, "not a watermark truth file (no #ID header)");
            }
            String[] f = line.split("\t");
            if (f.length != 11) {
                throw new InputException(path, i + 1, null, "expected 11 columns, got " + f.length);
            }
            try {
                out.add(new Expected(f[0], f[1], Long.parseLong(f[2]), f[3], f[4], Double.parseDouble(f[6]),
                        Integer.parseInt(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                        Double.parseDouble(f[10])));
            } catch (NumberFormatException e) {
                throw new InputException(path, i + 1, null, "not a number: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw InputException.inFile(path, "no watermark SNPs in the truth file");
        }
        return out;
    }
}
