package org.genosynth.io;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * A stream of variant blocks from one genotype file set. Implementations validate as they read and report problems as
 * {@link InputException}s naming file, line and field. {@link #close()} is idempotent.
 */
public interface GenotypeReader extends Closeable {
    /** The main input path (for messages). */
    Path path();

    /** The samples, in genotype order, with any extra per-sample columns the file carried. */
    SampleSheet sampleSheet();

    /** All variants, when the format lists them before the genotypes (PLINK .bim, BIMBAM annotation). */
    Optional<List<Variant>> variantsUpFront();

    /**
     * Human-readable notes about what the input lacked or what was assumed (e.g. no annotation, generated sample IDs);
     * empty when none. May grow while reading.
     */
    default List<String> notes() {
        return List.of();
    }

    /** Number of variants when known without reading them all (for progress), else -1. */
    default long variantCountHint() {
        return variantsUpFront().map(List::size).orElse(-1);
    }

    /** The next block of at most {@code maxVariants} variants, or null at the end. */
    VariantBlock nextBlock(int maxVariants);

    @Override
    void close();
}
