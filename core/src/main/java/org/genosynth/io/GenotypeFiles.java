package org.genosynth.io;

import java.nio.file.Path;
import org.genosynth.io.bimbam.BimbamReader;
import org.genosynth.io.bimbam.BimbamWriter;
import org.genosynth.io.plink.BedReader;
import org.genosynth.io.plink.BedWriter;
import org.genosynth.io.vcf.VcfReader;
import org.genosynth.io.vcf.VcfWriter;
import org.genosynth.model.SampleSheet;

/** Opens genotype readers and writers by format: the one place that maps formats to implementations. */
public final class GenotypeFiles {
    private GenotypeFiles() {
    }

    /** Opens an input, detecting its format from the path unless the options (null: defaults) name one. */
    public static GenotypeReader open(Path path, ReadOptions options) {
        Fileset.input(path);
        if (options == null) {
            options = ReadOptions.defaults();
        }
        GenotypeFormat format = options.format() != null ? options.format() : GenotypeFormat.detectOrFail(path);
        if (options.geneticMap() != null) {
            Fileset.input(options.geneticMap());
        }
        GeneticMapFile map = options.geneticMap() == null ? null : GeneticMapFile.read(options.geneticMap());
        GenotypeReader reader = switch (format) {
            case BED -> BedReader.open(path);
            case VCF, BCF -> VcfReader.open(path, options.multiallelic());
            case BIMBAM -> BimbamReader.open(path, options.bimbamAnnotation(), options.bimbamSamples(),
                    options.strainCoding());
        };
        return map == null ? reader : new MapPlacingReader(reader, map, options.geneticMap());
    }

    /** Hands blocks on without their dosages, so hard calls are written where dosages would be. */
    private record DosageDroppingWriter(GenotypeWriter inner) implements GenotypeWriter {
        @Override
        public void write(org.genosynth.model.VariantBlock block) {
            inner.write(block.withoutDosages());
        }

        @Override
        public java.util.List<Path> commit() {
            return inner.commit();
        }

        @Override
        public long variantsWritten() {
            return inner.variantsWritten();
        }

        @Override
        public java.util.List<String> notes() {
            return inner.notes();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * Creates a writer. For BED and BIMBAM {@code out} is a prefix (a trailing {@code .bed} or {@code .geno.txt.gz} is
     * dropped); for VCF/BCF it is the file name ({@code .vcf.gz} is bgzipped and tabix-indexed).
     */
    public static GenotypeWriter create(Path out, GenotypeFormat format, SampleSheet samples, WriteOptions options) {
        return switch (format) {
            case BED -> BedWriter.create(out, samples);
            case VCF, BCF -> VcfWriter.create(out, format, samples, options.writeDosage());
            case BIMBAM -> options.writeDosage() ? BimbamWriter.create(out, samples)
                    : new DosageDroppingWriter(BimbamWriter.create(out, samples));
        };
    }
}
