package org.genosynth.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.SortingWriter;
import org.genosynth.model.Variant;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.VariantBlock;

/** Writes an in-memory matrix (hard calls) in a format under a prefix, with a given sample sheet. */
final class GenotypeOutput {
    private static final int BLOCK = 1024;

    private GenotypeOutput() {
    }

    /** The path a prefix maps to for a format (PLINK: the prefix; VCF: PREFIX.vcf.gz). */
    static Path path(String prefix, GenotypeFormat format) {
        return switch (format) {
            case VCF -> Path.of(prefix + ".vcf.gz");
            case BCF -> Path.of(prefix + ".bcf");
            case BED, BIMBAM -> Path.of(prefix);
        };
    }

    /**
     * {@code m} with its variants sorted as {@link org.genosynth.io.SortingWriter} sorts them (chromosomes in order of
     * first appearance, known positions ascending, unknown positions at the end of their chromosome in input order),
     * so that VCF, PLINK and CSV outputs share one variant order; {@code m} itself when already sorted.
     */
    static GenotypeMatrix sorted(GenotypeMatrix m) {
        List<Variant> vs = m.variants();
        if (SortingWriter.isSorted(vs)) {
            return m;
        }
        Map<String, Integer> rank = new HashMap<>();
        for (Variant v : vs) {
            rank.putIfAbsent(v.chrom(), rank.size());
        }
        Integer[] order = new Integer[vs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> rank.get(vs.get(i).chrom()))
                .thenComparingLong(i -> vs.get(i).hasPosition() ? vs.get(i).position() : Long.MAX_VALUE)
                .thenComparingInt(i -> i));
        int wpv = m.wordsPerVariant();
        long[] words = new long[m.words().length];
        List<Variant> out = new ArrayList<>(vs.size());
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(m.words(), m.offset(order[k]), words, k * wpv, wpv);
            out.add(vs.get(order[k]));
        }
        return new GenotypeMatrix(m.samples(), out, words, null);
    }

    static List<Path> write(GenotypeMatrix m, SampleSheet samples, String prefix, GenotypeFormat format) {
        int n = m.sampleCount();
        int wpv = m.wordsPerVariant();
        try (GenotypeWriter w = GenotypeFiles.create(path(prefix, format), format, samples, WriteOptions.defaults())) {
            for (int v0 = 0; v0 < m.variantCount(); v0 += BLOCK) {
                int v1 = Math.min(m.variantCount(), v0 + BLOCK);
                long[] words = Arrays.copyOfRange(m.words(), m.offset(v0), m.offset(v0) + (v1 - v0) * wpv);
                w.write(new VariantBlock(v0, n, m.variants().subList(v0, v1), words, null, null));
            }
            return w.commit();
        }
    }
}
