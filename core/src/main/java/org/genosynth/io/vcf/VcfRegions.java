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
     * {@code recordsPerRegion} records when its index counts them and has windows to cut at.
     */
    public static List<Region> split(Path vcf, int recordsPerRegion) {
        VcfIndex index = VcfIndex.read(index(vcf));
        List<Region> regions = new ArrayList<>();
        for (VcfIndex.Contig c : index.contigs()) {
            Map.Entry<Long, Long> firstWindow = c.windows().firstEntry();
            long offset = c.firstOffset() >= 0 ? c.firstOffset() : firstWindow == null ? -1 : firstWindow.getValue();
            if (offset < 0) {
                continue; // no records
            }
            long start = 0; // POS 0 (a telomere) is valid VCF
            if (c.records() > recordsPerRegion && c.endOffset() > offset) {
                long parts = (c.records() + recordsPerRegion - 1) / recordsPerRegion;
                long first = offset >>> 16;
                long span = (c.endOffset() >>> 16) - first;
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

    /** A reader of one region's records. */
    public static GenotypeReader open(Path vcf, Region region, ReadOptions.MultiallelicPolicy multiallelic) {
        return VcfReader.open(vcf, new TextRecordSource(vcf, region), multiallelic);
    }
}
