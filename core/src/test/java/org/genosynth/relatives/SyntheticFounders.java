package org.genosynth.relatives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Unrelated founders for relatives tests: haplotypes drawn independently at each SNP (Hardy-Weinberg, linkage
 * equilibrium, no structure; allele frequency uniform in [0.05, 0.5]) over the 22 human autosomes with their
 * sex-averaged lengths in cM, positions at 1 cM/Mb. Written phased (VCF) or unphased (PLINK).
 */
final class SyntheticFounders {
    /** Approximate sex-averaged lengths (cM) of human autosomes 1..22. */
    static final double[] HUMAN_CM = {278, 263, 224, 213, 204, 193, 187, 170, 168, 173, 156, 170, 126, 117, 132, 135,
        129, 121, 107, 108, 62, 74};

    private SyntheticFounders() {
    }

    static double totalMorgans() {
        double s = 0;
        for (double c : HUMAN_CM) {
            s += c;
        }
        return s / 100;
    }

    /** Variants spread evenly: {@code perCm} SNPs per cM. */
    static List<Variant> variants(double perCm) {
        List<Variant> out = new ArrayList<>();
        for (int c = 0; c < HUMAN_CM.length; c++) {
            int m = (int) Math.round(HUMAN_CM[c] * perCm);
            for (int i = 0; i < m; i++) {
                long bp = 1 + Math.round((i + 0.5) / m * HUMAN_CM[c] * 1e6);
                out.add(new Variant(Integer.toString(c + 1), bp, "s" + (c + 1) + "_" + i, "A", "G", Double.NaN));
            }
        }
        return out;
    }

    /** Writes {@code n} founders; phased when the format is VCF. Returns the path written. */
    static Path write(Path out, GenotypeFormat format, int n, double perCm, long seed) {
        List<Variant> variants = variants(perCm);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            samples.add(Sample.of("founder" + s));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int wpv = GenotypeCodes.wordsPerVariant(n);
        boolean phased = format == GenotypeFormat.VCF;
        try (GenotypeWriter w = GenotypeFiles.create(out, format, SampleSheet.of(samples), WriteOptions.defaults())) {
            int block = 512;
            for (int v0 = 0; v0 < variants.size(); v0 += block) {
                int v1 = Math.min(variants.size(), v0 + block);
                long[] words = new long[(v1 - v0) * wpv];
                long[][] phase = phased ? new long[v1 - v0][(n + 63) >>> 6] : null;
                for (int v = v0; v < v1; v++) {
                    double p = 0.05 + 0.45 * rng.nextDouble();
                    for (int s = 0; s < n; s++) {
                        boolean a = rng.nextDouble() < p;
                        boolean b = rng.nextDouble() < p;
                        GenotypeCodes.set(words, (v - v0) * wpv, s, (a ? 1 : 0) + (b ? 1 : 0));
                        if (phased && a && !b) {
                            phase[v - v0][s >>> 6] |= 1L << (s & 63);
                        }
                    }
                }
                w.write(new VariantBlock(v0, n, variants.subList(v0, v1), words, null, phase));
            }
            return w.commit().get(0);
        }
    }
}
