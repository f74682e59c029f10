package org.genosynth.io.vcf;

import java.nio.file.Path;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.ReadOptions;

/** PLACEHOLDER being written by the VCF helper. */
public final class VcfReader {
    private VcfReader() {
    }

    public static GenotypeReader open(Path path, ReadOptions.MultiallelicPolicy multiallelic) {
        throw new UnsupportedOperationException("in progress");
    }
}
