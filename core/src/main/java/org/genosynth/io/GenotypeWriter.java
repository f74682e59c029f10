package org.genosynth.io;

import java.io.Closeable;
import java.util.List;
import org.genosynth.model.VariantBlock;

/**
 * Writes variant blocks to a genotype file set under temporary names; {@link #commit()} renames them into place,
 * {@link #close()} without commit deletes them.
 */
public interface GenotypeWriter extends Closeable {
    /** Writes the block's variants, in order. */
    void write(VariantBlock block);

    /** Finishes the files and renames them to their final names. Returns the final paths. */
    List<java.nio.file.Path> commit();

    /** Number of variants written so far. */
    long variantsWritten();

    /** Human-readable notes about what the format could not hold (e.g. variants skipped); empty when none. */
    default List<String> notes() {
        return List.of();
    }

    @Override
    void close();
}
