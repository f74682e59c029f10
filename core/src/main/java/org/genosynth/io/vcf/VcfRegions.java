package org.genosynth.io.vcf;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.ReadOptions;

/**
 * Regions of a bgzipped VCF with an index ({@code .tbi} or {@code .csi}, see {@link VcfIndex}), each readable on its
 * own from the BGZF offset the index gives: the contigs in file order, and a contig with more records than asked for
 * (its count from the index's pseudo-bin) cut at index windows into regions of about as many compressed bytes each,
 * so about as many records. A region holds the records of its contig whose POS is in {@code [start, end)}: read one
 * after the other, the regions give the file's records in order, each once.
 */
public final class VcfRegions {
    private VcfRegions() {
    }

    /**
     * Records of {@code contig} with {@code start <= POS < end}, read from BGZF virtual offset {@code offset} (at or
     * before the first of them).
     */
    public record Region(String contig, long start, long end, long offset) implements Serializable {
        /** The region as {@code bcftools -r} writes it. */
        public String describe() {
            return end == Long.MAX_VALUE ? contig + ":" + start + "-" : contig + ":" + start + "-" + (end - 1);
        }
    }

    /** The index of {@code vcf} ({@code .tbi}, else {@code .csi}) when one exists, else null. */
    public static Path index(Path vcf) {
        return VcfIndex.find(vcf);
    }

    /**
     * The regions of an indexed VCF, in file order: one per contig, or several for a contig of more than
     * {@code recordsPerRegion} records that has index windows to cut at (its record count from the index's
     * pseudo-bin, else estimated from its first compressed megabyte).
     */
    public static List<Region> split(Path vcf, int recordsPerRegion) {
        VcfIndex index = VcfIndex.read(index(vcf));
        List<Region> regions = new ArrayList<>();
        List<VcfIndex.Contig> contigs = index.contigs();
        for (int i = 0; i < contigs.size(); i++) {
            VcfIndex.Contig c = contigs.get(i);
            long offset = startOffset(c);
            if (offset < 0) {
                continue; // no records
            }
            long start = 0; // POS 0 (a telomere) is valid VCF
            long end = c.endOffset() >= 0 ? c.endOffset() : endOffset(vcf, contigs, i);
            long records = c.records() >= 0 ? c.records()
                    : end > offset ? estimateRecords(vcf, c.name(), offset, end) : 0;
            if (records > recordsPerRegion && end > offset) {
                long parts = (records + recordsPerRegion - 1) / recordsPerRegion;
                long first = offset >>> 16;
                long span = (end >>> 16) - first;
                long k = 1;
                for (Map.Entry<Long, Long> w : c.windows().entrySet()) {
                    if (k >= parts) {
                        break;
                    }
                    long cut = w.getKey() + 1; // the window's first POS (the index counts from 0)
                    if (cut <= start || w.getValue() <= offset) {
                        continue;
                    }
                    if ((w.getValue() >>> 16) - first >= span * k / parts) {
                        regions.add(new Region(c.name(), start, cut, offset));
                        start = cut;
                        offset = w.getValue();
                        while (k < parts && (w.getValue() >>> 16) - first >= span * k / parts) {
                            k++;
                        }
                    }
                }
            }
            regions.add(new Region(c.name(), start, Long.MAX_VALUE, offset));
        }
        return regions;
    }

    /** The virtual offset of a contig's first record (its pseudo-bin's, else its first window's), -1 when none. */
    private static long startOffset(VcfIndex.Contig c) {
        Map.Entry<Long, Long> firstWindow = c.windows().firstEntry();
        return c.firstOffset() >= 0 ? c.firstOffset() : firstWindow == null ? -1 : firstWindow.getValue();
    }

    /** Where contig {@code i}'s records end when its index does not say: the next contig's start, else the file's end. */
    private static long endOffset(Path vcf, List<VcfIndex.Contig> contigs, int i) {
        for (int j = i + 1; j < contigs.size(); j++) {
            long next = startOffset(contigs.get(j));
            if (next >= 0) {
                return next;
            }
        }
        try {
            return java.nio.file.Files.size(vcf) << 16;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Compressed bytes a record-count estimate reads at most (from the contig's start). */
    private static final long SAMPLE_BYTES = 1 << 20;

    /**
     * A contig's record count when its index does not hold it (htsjdk's tabix writer, which genosynth's VCF output
     * uses, writes no pseudo-bin): the records in its first compressed megabyte (or all of them, when fewer), scaled
     * to its compressed extent {@code [offset, end)}. An estimate, so the regions are about, not at most, as long.
     */
    private static long estimateRecords(Path vcf, String contig, long offset, long end) {
        long first = offset >>> 16;
        long n = 0;
        long lastStart = offset;
        try (org.genosynth.io.OffsetLines lines = org.genosynth.io.OffsetLines.bgzf(vcf, offset, 0)) {
            String line;
            while ((line = lines.next()) != null) {
                int tab = line.indexOf('\t');
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (tab != contig.length() || !line.startsWith(contig)) {
                    return n; // the contig ended within the sample: counted
                }
                n++;
                lastStart = lines.lineStart();
                if ((lastStart >>> 16) - first >= SAMPLE_BYTES) {
                    break;
                }
            }
            if (line == null) {
                return n;
            }
        }
        long sampled = (lastStart >>> 16) - first;
        if (n < 2 || sampled <= 0) {
            return n;
        }
        return Math.round((double) (n - 1) / sampled * ((end >>> 16) - first));
    }

    /** A reader of one region's records. */
    public static GenotypeReader open(Path vcf, Region region, ReadOptions.MultiallelicPolicy multiallelic) {
        return VcfReader.open(vcf, new TextRecordSource(vcf, region), multiallelic);
    }
}
