package org.genosynth.io.vcf;

import java.nio.file.Path;
import java.util.List;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.InputException;

/**
 * The records of a VCF (plain, gzipped or bgzipped) or BCF whole, as htsjdk {@link VariantContext}s with all their
 * alleles, FILTER, INFO and every sample's genotype, read by the same code as {@link VcfReader}'s blocks: for
 * commands that need a record's alleles rather than bi-allelic genotype blocks ({@code compare}, {@code reads}).
 * Genotypes are decoded as each record is read, so a malformed record is an {@link InputException} naming its line
 * (its record number in a BCF), thrown by {@link #next()}.
 */
public final class VcfRecords implements AutoCloseable {
    private final RecordSource source;

    private VcfRecords(RecordSource source) {
        this.source = source;
    }

    /** Opens a VCF or BCF file; the format is detected from the content. */
    public static VcfRecords open(Path path) {
        return new VcfRecords(RecordSource.open(path));
    }

    public VCFHeader header() {
        return source.header();
    }

    /** The samples, in the file's order. */
    public List<String> samples() {
        return source.header().getGenotypeSamples();
    }

    /** The next record with its genotypes decoded, or null at the end of the file. */
    public VariantContext next() {
        VariantContext vc = source.next();
        if (vc == null) {
            return null;
        }
        try {
            if (vc.getNSamples() > 0) {
                vc.getGenotypes().get(0); // decodes the record's genotypes now, while its line is known
            }
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw source.malformed(e);
        }
        return vc;
    }

    /** An error about the record {@link #next()} returned last, naming its line (or record number). */
    public InputException error(String field, String message) {
        return source.error(field, message);
    }

    @Override
    public void close() {
        RecordSource.closeQuietly(source);
    }
}
