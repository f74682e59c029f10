package org.genosynth.assoc.pca;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.util.Numbers;

/**
 * PCA files in plink2's layouts: {@code .eigenval} (one eigenvalue per line), {@code .eigenvec} ({@code #FID IID
 * PC1..}), {@code .eigenvec.var} (plink2 {@code biallelic-var-wts}: {@code #CHROM ID MAJ NONMAJ PC1..}, weights of the
 * non-major allele), plus {@code .eigenvec.afreq} (plink2 .afreq columns: the frequencies the model standardized
 * with). {@link #readModel} reads the last three back for projection.
 */
public final class PcaFiles {
    private PcaFiles() {
    }

    public static void writeEigenvalues(double[] values, Path path) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            Numbers.appendSignificant(sb, v, 6).append('\n');
        }
        write(path, sb);
    }

    /** {@code coordinates} row-major {@code n x k}. */
    public static void writeEigenvectors(SampleSheet samples, double[] coordinates, int k, Path path) {
        StringBuilder sb = new StringBuilder("#FID\tIID");
        for (int c = 1; c <= k; c++) {
            sb.append("\tPC").append(c);
        }
        sb.append('\n');
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.samples().get(i);
            sb.append(s.familyId()).append('\t').append(s.id());
            for (int c = 0; c < k; c++) {
                Numbers.appendSignificant(sb.append('\t'), coordinates[i * k + c], 6);
            }
            sb.append('\n');
        }
        write(path, sb);
    }

    /** Writes {@code .eigenvec.var} and {@code .eigenvec.afreq} beside it. */
    public static void writeModel(PcaModel model, Path varPath, Path freqPath) {
        int k = model.pcCount();
        StringBuilder sb = new StringBuilder("#CHROM\tID\tMAJ\tNONMAJ");
        for (int c = 1; c <= k; c++) {
            sb.append("\tPC").append(c);
        }
        sb.append('\n');
        StringBuilder fq = new StringBuilder("#CHROM\tID\tREF\tALT\tALT_FREQS\n");
        for (int j = 0; j < model.variants().size(); j++) {
            Variant v = model.variants().get(j);
            double p = model.altFreq()[j];
            boolean altMajor = p > 0.5;
            double sign = altMajor ? -1 : 1;
            sb.append(v.chrom()).append('\t').append(v.id()).append('\t')
                    .append(altMajor ? v.alt() : v.ref()).append('\t').append(altMajor ? v.ref() : v.alt());
            for (int c = 0; c < k; c++) {
                Numbers.appendSignificant(sb.append('\t'), sign * model.weights()[j * k + c] + 0.0, 10);
            }
            sb.append('\n');
            fq.append(v.chrom()).append('\t').append(v.id()).append('\t').append(v.ref()).append('\t')
                    .append(v.alt()).append('\t');
            Numbers.appendSignificant(fq, p, 15).append('\n');
        }
        write(varPath, sb);
        write(freqPath, fq);
    }

    /** Reads a model written by {@link #writeModel} and {@link #writeEigenvalues} under {@code prefix}. */
    public static PcaModel readModel(String prefix) {
        Path valPath = Path.of(prefix + ".eigenval");
        Path varPath = Path.of(prefix + ".eigenvec.var");
        Path freqPath = Path.of(prefix + ".eigenvec.afreq");
        try {
            double[] values = Files.readAllLines(valPath).stream().filter(l -> !l.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
            int k = values.length;
            List<String> var = Files.readAllLines(varPath);
            List<String> freq = Files.readAllLines(freqPath);
            if (var.size() != freq.size()) {
                throw InputException.inFile(freqPath, "has " + freq.size() + " lines but " + varPath + " has "
                        + var.size());
            }
            List<Variant> variants = new ArrayList<>();
            double[] p = new double[var.size() - 1];
            double[] w = new double[(var.size() - 1) * k];
            for (int j = 1; j < var.size(); j++) {
                String[] f = freq.get(j).split("\t");
                String[] a = var.get(j).split("\t");
                if (f.length < 5 || a.length != 4 + k || !f[1].equals(a[1])) {
                    throw InputException.inFile(varPath, "line " + (j + 1) + " does not match " + freqPath);
                }
                Variant v = new Variant(f[0], 0, f[1], f[2], f[3], Double.NaN); // position not stored
                variants.add(v);
                p[j - 1] = Double.parseDouble(f[4]);
                double sign = a[3].equals(v.alt()) ? 1 : -1;
                for (int c = 0; c < k; c++) {
                    w[(j - 1) * k + c] = sign * Double.parseDouble(a[4 + c]);
                }
            }
            return new PcaModel(variants, p, w, values);
        } catch (IOException e) {
            throw InputException.inFile(varPath, "cannot read PCA model: " + e.getMessage());
        } catch (NumberFormatException e) {
            throw InputException.inFile(varPath, "bad number: " + e.getMessage());
        }
    }

    private static void write(Path path, CharSequence text) {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 20)) {
            w.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
