package org.genosynth.io.vcf;

import java.nio.file.Path;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.model.SampleSheet;

/** PLACEHOLDER being written by the VCF helper. */
public final class VcfWriter {
    private VcfWriter() {
    }

    public static GenotypeWriter create(Path out, GenotypeFormat format, SampleSheet samples, boolean writeDosage) {
        throw new UnsupportedOperationException("in progress");
    }
}
