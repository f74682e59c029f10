package org.genosynth.io.vcf;

import java.io.InputStream;
import java.nio.file.Path;
import htsjdk.tribble.readers.PositionalBufferedStream;
import htsjdk.variant.bcf2.BCF2Codec;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.InputException;

/** BCF records (the input stream is already decompressed); positions are record numbers. */
final class BcfRecordSource extends RecordSource {
    private final PositionalBufferedStream stream;
    private final BCF2Codec codec = new Bcf22Codec();
    private final VCFHeader header;
    private long record;

    BcfRecordSource(Path path, InputStream in) {
        super(path);
        this.stream = new PositionalBufferedStream(in);
        try {
            this.header = (VCFHeader) codec.readHeader(stream).getHeaderValue();
        } catch (RuntimeException e) {
            stream.close();
            throw new InputException(path, 0, "header", "malformed BCF header (" + e.getMessage() + ")");
        }
    }

    @Override
    VCFHeader header() {
        return header;
    }

    @Override
    VariantContext next() {
        try {
            if (stream.isDone()) {
                return null;
            }
            record++;
            return codec.decode(stream);
        } catch (java.io.IOException e) {
            throw error(null, "cannot read (" + e.getMessage() + "); the file may be truncated");
        } catch (RuntimeException e) {
            throw malformed(e);
        } catch (AssertionError e) {
            // htsjdk asserts on some corrupt records (with -ea); without -ea it would decode garbage
            throw error(null, "corrupt BCF record (" + e.getMessage() + ")");
        }
    }

    /** Genotypes decode lazily, so this also covers failures met after {@link #next()} returned. */
    @Override
    InputException malformed(RuntimeException e) {
        return error(null, "cannot decode (" + e.getMessage() + "); htsjdk's BCF decoder does not handle every "
                + "BCF 2.2 encoding (e.g. mixed haploid/diploid GT): if bcftools reads this file, convert it "
                + "with 'bcftools view -Oz -o FILE.vcf.gz' and read the VCF");
    }

    @Override
    long line() {
        return 0;
    }

    @Override
    String where() {
        return "record " + record;
    }

    @Override
    public void close() {
        stream.close();
    }
}
