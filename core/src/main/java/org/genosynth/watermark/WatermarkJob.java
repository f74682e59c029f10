package org.genosynth.watermark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.genosynth.assoc.AssocRow;
import org.genosynth.assoc.PValues;
import org.genosynth.assoc.glm.GlmGwas;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * {@code genosynth watermark add}: adds watermark SNPs to a cohort and writes the cohort with them (input's format,
 * hard calls), {@code OUT.watermark.tsv} (the secret truth: each SNP with the statistics a correct GWAS must report)
 * and {@code OUT.watermark.csv} (SynGen6's layout: one column per watermark SNP, one row per sample, a last row of
 * p-values).
 */
public final class WatermarkJob {
    private static final int WRITE_BLOCK = 1024;

    private WatermarkJob() {
    }

    /** SynGen6's phenotype-derived SNPs, or the keyed variant. */
    public enum Mode { SYNGEN6, KEYED }

    /**
     * @param input       genotypes
     * @param read        how to open them
     * @param pheno       phenotype table
     * @param phenoCol    phenotype column
     * @param mode        the kind of watermark
     * @param count       number of watermark SNPs
     * @param eps         SynGen6: share of genotypes 2
     * @param z0          SynGen6: share of genotypes 1 among the others
     * @param targetP     keyed: p-value the trend test of each SNP is tuned to
     * @param key         keyed: the secret key (at least 16 bytes)
     * @param seed        SynGen6: random seed
     * @param outputFormat output format, or null for the input's
     * @param outPrefix   output prefix
     */
    public record Request(Path input, ReadOptions read, Path pheno, String phenoCol, Mode mode, int count, double eps,
                         double z0, double targetP, byte[] key, long seed, GenotypeFormat outputFormat,
                         String outPrefix) {
    }

    /**
     * What was written.
     *
     * @param notes what the phenotype reader ignored (rows for samples not in the genotypes), one line each
     */
    public record Outcome(int samples, int analysed, boolean binary, List<String> ids, double maxLog10p,
                          List<Path> files, List<String> notes) {
        public Outcome {
            notes = List.copyOf(notes);
        }

        public String render() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "watermark add: %d SNPs over %d samples "
                    + "(%d with a phenotype, %s); weakest expected p 1e%.1f%n", ids.size(), samples, analysed,
                    binary ? "logistic" : "linear", maxLog10p));
            notes.forEach(n -> sb.append("note: ").append(n).append(System.lineSeparator()));
            files.forEach(f -> sb.append("  wrote ").append(f).append(System.lineSeparator()));
            sb.append("  keep OUT.watermark.tsv secret: it is what verify checks a GWAS against")
                    .append(System.lineSeparator());
            return sb.toString();
        }
    }

    /** Runs the request. */
    public static Outcome add(Request r) {
        if (r.count() < 1) {
            throw InputException.usage("--count must be at least 1");
        }
        GenotypeMatrix g = GenotypeLoader.load(r.input(), r.read(), null);
        List<Sample> samples = g.samples().samples();
        org.genosynth.model.PhenotypeTable table = PhenotypeReader.readOne(r.pheno(), samples, r.phenoCol());
        double[] raw = table.column(0);
        Phenotype y = Phenotype.of(raw, r.pheno());
        if (r.mode() == Mode.SYNGEN6 && !y.binary()) {
            throw InputException.inFile(r.pheno(), "SynGen6 watermark SNPs need a binary phenotype (0/1 or 1/2)");
        }
        Derivation d = r.mode() == Mode.KEYED ? Derivation.keyed(r.key()) : Derivation.seeded(r.seed());
        Placement placement = new Placement(g.variants());
        double[] freqs = commonFrequencies(g);
        List<WatermarkSnp> snps = new ArrayList<>();
        for (int i = 0; i < r.count(); i++) {
            Variant v = placement.place(d.stream("place|" + i));
            byte[] geno = pattern(r, y, d, i, freqs);
            snps.add(withStatistics(v, geno, y));
        }
        GenotypeFormat format = r.outputFormat() != null ? r.outputFormat() : GenotypeFormat.detectOrFail(r.input());
        List<Path> files = new ArrayList<>(writeGenotypes(r.outPrefix(), format, g, snps));
        try (AtomicOutput out = new AtomicOutput()) {
            files.add(WatermarkTruth.write(out, Path.of(r.outPrefix() + ".watermark.tsv"), snps, r, y));
            files.add(writeCsv(out, Path.of(r.outPrefix() + ".watermark.csv"), samples, snps));
            out.commit();
        }
        double weakest = snps.stream().mapToDouble(WatermarkSnp::log10p).max().orElse(Double.NaN);
        return new Outcome(samples.size(), y.analysed().length, y.binary(),
                snps.stream().map(s -> s.variant().id()).toList(), weakest, files, table.notes());
    }

    /** Frequencies of the input's SNPs with minor allele frequency at least 0.05 (keyed SNPs copy one). */
    private static double[] commonFrequencies(GenotypeMatrix g) {
        return Arrays.stream(StructureInput.altFrequencies(g)).filter(p -> !Double.isNaN(p)
                && Math.min(p, 1 - p) >= 0.05).map(p -> Math.min(p, 1 - p)).toArray();
    }

    private static byte[] pattern(Request r, Phenotype y, Derivation d, int i, double[] freqs) {
        int n = y.raw().length;
        int[] rows = y.analysed();
        byte[] sub;
        double freq;
        if (r.mode() == Mode.SYNGEN6) {
            boolean[] cases = new boolean[rows.length];
            for (int k = 0; k < rows.length; k++) {
                cases[k] = y.value(rows[k]) == 1;
            }
            sub = WatermarkPatterns.syngen6(cases, r.eps(), r.z0(), d.stream("pattern|" + i));
            double sum = 0;
            for (byte b : sub) {
                sum += b;
            }
            freq = sum / (2.0 * sub.length);
        } else {
            if (freqs.length == 0) {
                throw InputException.usage("the input has no SNP with minor allele frequency >= 0.05 to imitate");
            }
            freq = freqs[d.stream("freq|" + i).nextInt(freqs.length)];
            double[] z = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                z[k] = y.value(rows[k]);
            }
            SplittableRandom u = d.stream("pattern|" + i);
            double[] noise = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                noise[k] = u.nextDouble();
            }
            sub = WatermarkPatterns.keyed(standardized(z), freq, chiSquareFor(r.targetP()), noise);
        }
        byte[] geno = new byte[n];
        SplittableRandom fill = d.stream("fill|" + i);
        for (int s = 0; s < n; s++) {
            geno[s] = (byte) ((fill.nextDouble() < freq ? 1 : 0) + (fill.nextDouble() < freq ? 1 : 0));
        }
        for (int k = 0; k < rows.length; k++) {
            geno[rows[k]] = sub[k];
        }
        return geno;
    }

    private static double[] standardized(double[] z) {
        double m = Arrays.stream(z).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - m) * (v - m)).sum() / z.length);
        return Arrays.stream(z).map(v -> sd > 0 ? (v - m) / sd : 0).toArray();
    }

    /** The 1-df chi-square whose upper tail is {@code p}. */
    static double chiSquareFor(double p) {
        if (!(p > 0 && p < 1)) {
            throw InputException.usage("--target-p must be in (0, 1), got " + p);
        }
        double target = Math.log10(p);
        double lo = 0;
        double hi = 100;
        for (int it = 0; it < 200; it++) {
            double mid = (lo + hi) / 2;
            if (PValues.log10TwoSidedZ(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo * lo;
    }

    private static WatermarkSnp withStatistics(Variant v, byte[] geno, Phenotype y) {
        int[] rows = y.analysed();
        int n = rows.length;
        long[] words = new long[GenotypeCodes.wordsPerVariant(n)];
        double[] yy = new double[n];
        for (int k = 0; k < n; k++) {
            GenotypeCodes.set(words, 0, k, geno[rows[k]]);
            yy[k] = y.value(rows[k]);
        }
        VariantBlock block = new VariantBlock(0, n, List.of(v), words, null, null);
        AssocRow row = GlmGwas.testBlock(block, yy, new double[0][], List.of(), y.binary())[0];
        return new WatermarkSnp(v, geno, row.a1Freq(), row.obsCount(), row.beta(), row.se(), row.log10p());
    }

    private static List<Path> writeGenotypes(String prefix, GenotypeFormat format, GenotypeMatrix g,
                                             List<WatermarkSnp> snps) {
        List<Variant> input = g.variants();
        // final order: the input's, each watermark SNP before the first input variant of its chromosome beyond it
        List<int[]> order = new ArrayList<>();
        List<WatermarkSnp> pending = new ArrayList<>(snps);
        pending.sort(Comparator.comparing((WatermarkSnp s) -> s.variant().chrom())
                .thenComparingLong(s -> s.variant().position()));
        boolean[] placed = new boolean[snps.size()];
        for (int v = 0; v < input.size(); v++) {
            Variant iv = input.get(v);
            for (int w = 0; w < snps.size(); w++) {
                Variant wv = snps.get(w).variant();
                if (!placed[w] && wv.chrom().equals(iv.chrom()) && iv.hasPosition() && iv.position() > wv.position()) {
                    order.add(new int[] {1, w});
                    placed[w] = true;
                }
            }
            order.add(new int[] {0, v});
        }
        for (int w = 0; w < snps.size(); w++) {
            if (!placed[w]) {
                order.add(new int[] {1, w});
            }
        }
        Path path = switch (format) {
            case VCF -> Path.of(prefix + ".vcf.gz");
            case BCF -> Path.of(prefix + ".bcf");
            case BED, BIMBAM -> Path.of(prefix);
        };
        int n = g.sampleCount();
        int wpv = g.wordsPerVariant();
        try (GenotypeWriter w = GenotypeFiles.create(path, format, g.samples(), WriteOptions.defaults())) {
            for (int b0 = 0; b0 < order.size(); b0 += WRITE_BLOCK) {
                int b1 = Math.min(order.size(), b0 + WRITE_BLOCK);
                long[] words = new long[(b1 - b0) * wpv];
                List<Variant> vs = new ArrayList<>();
                for (int k = b0; k < b1; k++) {
                    int[] o = order.get(k);
                    int off = (k - b0) * wpv;
                    if (o[0] == 0) {
                        System.arraycopy(g.words(), g.offset(o[1]), words, off, wpv);
                        vs.add(input.get(o[1]));
                    } else {
                        WatermarkSnp s = snps.get(o[1]);
                        for (int i = 0; i < n; i++) {
                            GenotypeCodes.set(words, off, i, s.genotypes()[i]);
                        }
                        vs.add(s.variant());
                    }
                }
                w.write(new VariantBlock(b0, n, vs, words, null, null));
            }
            return w.commit();
        }
    }

    private static Path writeCsv(AtomicOutput out, Path path, List<Sample> samples, List<WatermarkSnp> snps) {
        try (BufferedWriter w = Files.newBufferedWriter(out.temp(path), StandardCharsets.UTF_8)) {
            w.write("SampleID");
            for (WatermarkSnp s : snps) {
                w.write("," + s.variant().id());
            }
            w.write('\n');
            for (int i = 0; i < samples.size(); i++) {
                w.write(samples.get(i).id());
                for (WatermarkSnp s : snps) {
                    w.write("," + s.genotypes()[i]);
                }
                w.write('\n');
            }
            w.write("p-value");
            for (WatermarkSnp s : snps) {
                StringBuilder sb = new StringBuilder();
                PValues.appendP(sb, s.log10p(), 6);
                w.write("," + sb);
            }
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
        return path;
    }
}
