package org.genosynth.eval.utility;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.InputException;

/**
 * The tested variants of a GWAS table ({@code OUT.gwas.tsv} of any model: {@code #CHROM POS ID ... P}), keyed as the
 * cohorts are aligned: {@code chrom:pos} when the position is known, {@code id:ID} otherwise. P-values keep their
 * magnitude below the double range: they are held as log10.
 */
public record GwasTable(Map<String, Row> rows) {
    /** One tested variant. */
    public record Row(String key, String chrom, long pos, String id, double log10p) {
        public double minusLog10p() {
            return -log10p;
        }
    }

    public static GwasTable read(Path path) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(org.genosynth.io.Fileset.readable(path), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw InputException.inFile(path, "empty GWAS table");
            }
            String[] cols = header.split("\t", -1);
            int chrom = index(cols, "#CHROM", path);
            int pos = index(cols, "POS", path);
            int id = index(cols, "ID", path);
            int p = index(cols, "P", path);
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                double lp = log10(f[p]);
                if (Double.isNaN(lp)) {
                    continue;
                }
                long position = f[pos].equals("NA") ? -1 : Long.parseLong(f[pos]);
                String key = position > 0 ? f[chrom] + ":" + position : "id:" + f[id];
                rows.putIfAbsent(key, new Row(key, f[chrom], position, f[id], lp));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
        return new GwasTable(rows);
    }

    private static int index(String[] cols, String name, Path path) {
        for (int i = 0; i < cols.length; i++) {
            if (cols[i].equals(name)) {
                return i;
            }
        }
        throw InputException.inFile(path, "GWAS table has no column " + name);
    }

    /** log10 of a printed p-value, exact even below 1e-308 ("1.5e-400"); NaN for NA. */
    static double log10(String p) {
        if (p.equals("NA") || p.isEmpty()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(p);
        if (v > 0) {
            return Math.log10(v);
        }
        int e = p.indexOf('e') >= 0 ? p.indexOf('e') : p.indexOf('E');
        if (e < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double mantissa = Double.parseDouble(p.substring(0, e));
        return mantissa > 0 ? Math.log10(mantissa) + Integer.parseInt(p.substring(e + 1)) : Double.NEGATIVE_INFINITY;
    }

    /** Rows with p below {@code threshold}. */
    public List<Row> hits(double threshold) {
        double lt = Math.log10(threshold);
        List<Row> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.log10p < lt) {
                out.add(r);
            }
        }
        return out;
    }

    /** Median p of the tested variants (NaN when none). */
    public double medianP() {
        double[] lp = rows.values().stream().mapToDouble(Row::log10p).sorted().toArray();
        if (lp.length == 0) {
            return Double.NaN;
        }
        int mid = lp.length / 2;
        double m = lp.length % 2 == 1 ? Math.pow(10, lp[mid]) : (Math.pow(10, lp[mid - 1]) + Math.pow(10, lp[mid])) / 2;
        return m;
    }

    /** Genomic inflation factor: the median chi-square (1 df) of the p-values over its expectation 0.4549. */
    public double lambdaGc() {
        double p = medianP();
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        double chi2 = new org.hipparchus.distribution.continuous.ChiSquaredDistribution(1)
                .inverseCumulativeProbability(1 - p);
        return chi2 / new org.hipparchus.distribution.continuous.ChiSquaredDistribution(1)
                .inverseCumulativeProbability(0.5);
    }
}
