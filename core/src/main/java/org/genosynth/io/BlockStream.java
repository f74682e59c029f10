package org.genosynth.io;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Iterates a reader's blocks with a sample subset and a variant predicate applied, renumbering variants from 0.
 * Block boundaries depend only on the sample count, never on the thread count. The variant predicate is tested once
 * per variant of the input, in input order, on the thread that pulls the blocks (a predicate may count them).
 */
public final class BlockStream implements Iterator<VariantBlock> {
    /** Target size of one block's genotype words, in bytes. */
    private static final long TARGET_BLOCK_BYTES = 4L << 20;

    private final GenotypeReader reader;
    private final int[] sampleKeep;
    private final Predicate<Variant> variantKeep;
    private final int blockSize;
    private long emitted;
    private VariantBlock next;
    private boolean done;

    /**
     * @param reader      the source
     * @param sampleKeep  indices of samples to keep, or null for all
     * @param variantKeep variants to keep, or null for all
     */
    public BlockStream(GenotypeReader reader, int[] sampleKeep, Predicate<Variant> variantKeep) {
        this.reader = reader;
        this.sampleKeep = sampleKeep != null && sampleKeep.length == reader.sampleSheet().size() ? null : sampleKeep;
        this.variantKeep = variantKeep;
        this.blockSize = blockSizeFor(reader.sampleSheet().size());
    }

    /** Variants per block for {@code sampleCount} samples: about 4 MB of packed genotypes, 64 to 8192 variants. */
    public static int blockSizeFor(int sampleCount) {
        long bytesPerVariant = 8L * Math.max(1, GenotypeCodes.wordsPerVariant(sampleCount));
        return (int) Math.max(64, Math.min(8192, TARGET_BLOCK_BYTES / bytesPerVariant));
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            VariantBlock raw = reader.nextBlock(blockSize);
            if (raw == null) {
                done = true;
                break;
            }
            VariantBlock b = raw;
            if (variantKeep != null) {
                boolean[] keep = new boolean[b.variantCount()];
                boolean all = true;
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = variantKeep.test(b.variant(i));
                    all &= keep[i];
                }
                b = all ? b : b.selectVariants(keep, emitted);
            }
            if (b.variantCount() == 0) {
                continue;
            }
            if (sampleKeep != null) {
                b = selectSamples(b);
            }
            if (b.firstIndex() != emitted) {
                b = b.renumbered(emitted);
            }
            emitted += b.variantCount();
            next = b;
        }
        return next != null;
    }

    /**
     * Restricts a block to the kept samples; for hard-call blocks the copying is deferred to whichever thread first
     * reads the genotypes (a worker, or the Spark executor that reads the block's file range), like the decoding.
     */
    private VariantBlock selectSamples(VariantBlock b) {
        return b.selectSamplesOnDemand(sampleKeep);
    }

    @Override
    public VariantBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VariantBlock b = next;
        next = null;
        return b;
    }
}
