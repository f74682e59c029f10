package org.genosynth.io.bimbam;

import java.nio.file.Path;
import org.genosynth.io.GenotypeReader;

/** PLACEHOLDER being written by the BIMBAM helper. */
public final class BimbamReader {
    private BimbamReader() {
    }

    public static GenotypeReader open(Path genoPath, Path annotation, Path samples) {
        throw new UnsupportedOperationException("in progress");
    }
}
