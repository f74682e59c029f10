package org.genosynth.io;

import java.io.Serializable;
import org.genosynth.io.bimbam.BimbamReader;
import org.genosynth.io.bimbam.BimbamRows;
import org.genosynth.io.plink.BedReader;
import org.genosynth.io.vcf.VcfRegions;

/**
 * A part of a {@link GenotypeSource} that can be read on its own, by any process that sees the files: the source and
 * a range. Serializable, so a Spark executor can be handed the descriptor and open the files itself.
 *
 * @param source   the input
 * @param index    the partition's number in file order
 * @param kind     how the range is given
 * @param from     first variant (BED, inclusive)
 * @param to       end variant (BED, exclusive)
 * @param rows     the line range (BIMBAM), else null
 * @param region   the region (indexed VCF), else null
 */
public record GenotypePartition(GenotypeSource source, int index, Kind kind, int from, int to, BimbamRows.Range rows,
                                VcfRegions.Region region) implements Serializable {
    /** How a partition's range is given. */
    public enum Kind {
        /** The whole input (formats that can only be read from the start). */
        WHOLE,
        /** Variants {@code [from, to)} of a plain .bed, through byte offsets. */
        VARIANT_RANGE,
        /** A line range of a plain BIMBAM file. */
        LINE_RANGE,
        /** A region (a contig, or part of one) of a bgzipped VCF with a {@code .tbi} or {@code .csi} index. */
        REGION
    }

    static GenotypePartition whole(GenotypeSource source) {
        return new GenotypePartition(source, 0, Kind.WHOLE, 0, -1, null, null);
    }

    static GenotypePartition variants(GenotypeSource source, int index, int from, int to) {
        return new GenotypePartition(source, index, Kind.VARIANT_RANGE, from, to, null, null);
    }

    static GenotypePartition lines(GenotypeSource source, int index, BimbamRows.Range rows) {
        return new GenotypePartition(source, index, Kind.LINE_RANGE, 0, -1, rows, null);
    }

    static GenotypePartition region(GenotypeSource source, int index, VcfRegions.Region region) {
        return new GenotypePartition(source, index, Kind.REGION, 0, -1, null, region);
    }

    /** The contig of a VCF region, else null. */
    public String contig() {
        return region == null ? null : region.contig();
    }

    /** Opens this partition; its blocks number variants from the partition's start. */
    public GenotypeReader open() {
        ReadOptions options = source.options();
        GenotypeReader reader = switch (kind) {
            case WHOLE -> {
                yield source.open();
            }
            case VARIANT_RANGE -> BedReader.open(source.path(), from, to);
            case LINE_RANGE -> BimbamReader.open(source.path(), options.bimbamAnnotation(), options.bimbamSamples(),
                    options.strainCoding(), rows);
            case REGION -> VcfRegions.open(source.path(), region, options.multiallelic());
        };
        if (kind == Kind.WHOLE || options.geneticMap() == null) {
            return reader;
        }
        return new MapPlacingReader(reader, GeneticMapFile.read(options.geneticMap()), options.geneticMap());
    }

    /** What the partition covers, for messages. */
    public String describe() {
        return switch (kind) {
            case WHOLE -> source + " (whole)";
            case VARIANT_RANGE -> source + " variants " + (from + 1) + "-" + to;
            case LINE_RANGE -> source + " rows " + (rows.firstRow() + 1) + "-" + (rows.firstRow() + rows.rowCount());
            case REGION -> source + " region " + region.describe();
        };
    }
}
