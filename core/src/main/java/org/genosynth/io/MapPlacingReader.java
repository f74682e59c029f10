package org.genosynth.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * A genotype reader whose variants take their genetic position (cM) from a genetic map file, interpolated at their
 * base-pair position (sex-averaged for a sex-specific map); a variant without a position keeps no cM. A variant on a
 * chromosome the map does not cover is an error naming the map file.
 */
final class MapPlacingReader implements GenotypeReader {
    private final GenotypeReader inner;
    private final GeneticMapFile map;
    private final Path mapPath;

    MapPlacingReader(GenotypeReader inner, GeneticMapFile map, Path mapPath) {
        this.inner = inner;
        this.map = map;
        this.mapPath = mapPath;
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public SampleSheet sampleSheet() {
        return inner.sampleSheet();
    }

    @Override
    public Optional<List<Variant>> variantsUpFront() {
        return inner.variantsUpFront().map(this::place);
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(inner.notes());
        notes.add("genetic positions (cM) from " + mapPath.getFileName());
        return notes;
    }

    @Override
    public long variantCountHint() {
        return inner.variantCountHint();
    }

    @Override
    public VariantBlock nextBlock(int maxVariants) {
        VariantBlock block = inner.nextBlock(maxVariants);
        return block == null ? null : block.withVariants(place(block.variants()));
    }

    @Override
    public void close() {
        inner.close();
    }

    private List<Variant> place(List<Variant> variants) {
        List<Variant> out = new ArrayList<>(variants.size());
        for (Variant v : variants) {
            if (!v.hasPosition()) {
                out.add(v.withCentimorgan(Double.NaN));
                continue;
            }
            GeneticMapFile.Points points = map.chromosome(v.chrom());
            if (points == null) {
                throw InputException.inFile(mapPath, "no map points for chromosome " + v.chrom() + " (variant "
                        + v.describe() + "); the map has " + String.join(", ", map.names()));
            }
            out.add(v.withCentimorgan(points.at(v.position())));
        }
        return out;
    }
}
