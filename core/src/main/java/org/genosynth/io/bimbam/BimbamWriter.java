package org.genosynth.io.bimbam;

import java.nio.file.Path;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.model.SampleSheet;

/** PLACEHOLDER being written by the BIMBAM helper. */
public final class BimbamWriter {
    private BimbamWriter() {
    }

    public static GenotypeWriter create(Path outPrefix, SampleSheet samples) {
        throw new UnsupportedOperationException("in progress");
    }
}
