package org.genosynth.io.vcf;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes htsjdk's BCF output through, marking it BCF 2.2 (byte 4 of the magic) so that htslib/bcftools, which read
 * only 2.2, accept it. Sound for the records genosynth writes (diploid GT, single-value DS, no INFO/FILTER), whose
 * encoding is the same in 2.1 and 2.2.
 */
final class PatchedBcfStream extends FilterOutputStream {
    private static final int MINOR_VERSION_BYTE = 4;
    private long count;

    PatchedBcfStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(count++ == MINOR_VERSION_BYTE ? 2 : b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (count <= MINOR_VERSION_BYTE && MINOR_VERSION_BYTE < count + len) {
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            copy[(int) (MINOR_VERSION_BYTE - count)] = 2;
            out.write(copy, 0, len);
        } else {
            out.write(b, off, len);
        }
        count += len;
    }
}
