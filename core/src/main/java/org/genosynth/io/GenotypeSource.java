package org.genosynth.io;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.bimbam.BimbamRows;
import org.genosynth.io.plink.BedReader;
import org.genosynth.io.vcf.VcfRegions;

/**
 * One genotype input and how to read it (the path and the {@link ReadOptions}), as a serializable value: the one way
 * genosynth reads genotypes. {@link #open()} reads it from the start; {@link #partitions(int)} splits it into
 * {@link GenotypePartition}s that any process seeing the files opens on its own (a PLINK .bed by variant ranges
 * through byte offsets, a BIMBAM file by line ranges, a bgzipped VCF with a {@code .tbi} or {@code .csi} index by
 * regions of about as many records), and
 * {@link GenotypeLoader} builds whole-cohort matrices from those partitions.
 *
 * <p>The blocks {@link #open()} yields from a plain .bed are themselves file ranges
 * ({@link org.genosynth.io.plink.BedRange}): the worker that needs a block's genotypes, a local thread or a Spark
 * executor, reads its bytes, and a block sent to a Spark executor travels as its range, not as its genotypes.
 */
public final class GenotypeSource implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final GenotypeFormat format;
    private final ReadOptions.MultiallelicPolicy multiallelic;
    private final String bimbamAnnotation;
    private final String bimbamSamples;
    private final boolean strainCoding;
    private final String geneticMap;

    private GenotypeSource(Path path, ReadOptions options) {
        this.path = path.toString();
        this.format = options.format();
        this.multiallelic = options.multiallelic();
        this.bimbamAnnotation = text(options.bimbamAnnotation());
        this.bimbamSamples = text(options.bimbamSamples());
        this.strainCoding = options.strainCoding();
        this.geneticMap = text(options.geneticMap());
    }

    /** The input at {@code path} read with {@code options} (null: defaults). */
    public static GenotypeSource of(Path path, ReadOptions options) {
        return new GenotypeSource(path, options == null ? ReadOptions.defaults() : options);
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    public Path path() {
        return Path.of(path);
    }

    public ReadOptions options() {
        return new ReadOptions(format, multiallelic, path(bimbamAnnotation), path(bimbamSamples), strainCoding,
                path(geneticMap));
    }

    /** The format: the one named in the options, else detected from the path. */
    public GenotypeFormat format() {
        return format != null ? format : GenotypeFormat.detectOrFail(path());
    }

    /** Opens the whole input, read from the start. */
    public GenotypeReader open() {
        return GenotypeFiles.open(path(), options());
    }

    /**
     * The input split into partitions of about {@code variantsPerPartition} variants (BIMBAM rows), in file order:
     * reading them one after the other gives the variants {@link #open()} gives. A PLINK .bed splits by variant
     * ranges (byte offsets), a plain BIMBAM file by line ranges (one scan for line ends), a bgzipped VCF with a
     * {@code .tbi} or {@code .csi} index by regions ({@link VcfRegions}: contigs, cut at index windows into regions
     * of about {@code variantsPerPartition} records when the index counts them); a gzipped .bed or BIMBAM file, a
     * BCF, and a VCF without an index are one partition (they can only be read from the start).
     */
    public List<GenotypePartition> partitions(int variantsPerPartition) {
        if (variantsPerPartition < 1) {
            throw new IllegalArgumentException("variantsPerPartition must be positive: " + variantsPerPartition);
        }
        List<GenotypePartition> parts = new ArrayList<>();
        switch (format()) {
            case BED -> {
                int variants;
                boolean seekable;
                try (BedReader reader = BedReader.open(path())) {
                    variants = reader.fileVariantCount();
                    seekable = reader.range(0, 0) != null;
                }
                if (!seekable || variants <= variantsPerPartition) {
                    parts.add(GenotypePartition.whole(this));
                } else {
                    for (int from = 0; from < variants; from += variantsPerPartition) {
                        parts.add(GenotypePartition.variants(this, parts.size(), from,
                                Math.min(variants, from + variantsPerPartition)));
                    }
                }
            }
            case BIMBAM -> {
                if (TextInput.isGzipped(path())) {
                    parts.add(GenotypePartition.whole(this));
                } else {
                    for (BimbamRows.Range r : BimbamRows.split(path(), variantsPerPartition)) {
                        parts.add(GenotypePartition.lines(this, parts.size(), r));
                    }
                }
            }
            case VCF, BCF -> {
                if (format() == GenotypeFormat.BCF || VcfRegions.index(path()) == null
                        || !TextInput.isGzipped(path())) {
                    parts.add(GenotypePartition.whole(this));
                } else {
                    for (VcfRegions.Region region : VcfRegions.split(path(), variantsPerPartition)) {
                        parts.add(GenotypePartition.region(this, parts.size(), region));
                    }
                    if (parts.isEmpty()) {
                        parts.add(GenotypePartition.whole(this));
                    }
                }
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return path;
    }
}
