package org.genosynth.synth;

import java.util.List;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Turns the synthetic genomes' paths into variant-major blocks of 1,024 variants: per group of 32 synthetic samples,
 * their 32-word chunk rows are built ({@link RowBuilder}) and moved into the variant-major layout by 32 x 32 tile
 * transpositions. A block depends only on its index, so blocks can be generated on any thread in any order.
 */
final class BlockGenerator implements BlockKernel<Integer, VariantBlock> {
    private static final long serialVersionUID = 1L;
    private final RowBuilder builder;
    private final List<Variant> variants;
    private final GenomePath[] paths;
    private final int[] attempts;
    private final int[] populations;
    /** Every genome is a pair of haplotypes: the blocks carry the phase. */
    private final boolean phased;

    BlockGenerator(RowBuilder builder, List<Variant> variants, GenomePath[] paths, int[] attempts, int[] populations) {
        this.builder = builder;
        this.variants = variants;
        this.paths = paths;
        this.attempts = attempts;
        this.populations = populations;
        this.phased = paths.length > 0 && java.util.Arrays.stream(paths).allMatch(GenomePath::haplotypes);
    }

    int blockCount() {
        return builder.chunkCount();
    }

    java.util.List<Variant> variants() {
        return variants;
    }

    int sampleCount() {
        return paths.length;
    }

    /** A block's genotypes: 1,024 variants x 2 bits per synthetic genome. */
    @Override
    public long resultBytes() {
        return (long) RowBuilder.CHUNK_VARIANTS * GenotypeCodes.wordsPerVariant(paths.length) * Long.BYTES;
    }

    /** {@link #block}: the generator is the kernel the backend runs (its fields are what it ships). */
    @Override
    public VariantBlock apply(Integer b) {
        return block(b);
    }

    /** Block {@code b}: variants {@code [1024 b, min(m, 1024 (b + 1)))} of every synthetic sample. */
    VariantBlock block(int b) {
        int n = paths.length;
        int v0 = b * RowBuilder.CHUNK_VARIANTS;
        int v1 = Math.min(variants.size(), v0 + RowBuilder.CHUNK_VARIANTS);
        int nv = v1 - v0;
        int words = (nv + 31) >>> 5;
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] out = new long[nv * wpv];
        long[] chunkRows = new long[32 * RowBuilder.CHUNK_WORDS];
        long[] tile = new long[32];
        long[] phaseRows = phased ? new long[32 * RowBuilder.CHUNK_WORDS] : null;
        long[][] phase = phased ? new long[nv][(n + 63) >>> 6] : null;
        for (int g = 0; g < wpv; g++) {
            for (int i = 0; i < 32; i++) {
                int s = g * 32 + i;
                if (s < n) {
                    builder.fillChunk(paths[s], s, attempts[s], populations[s], b, chunkRows,
                            i * RowBuilder.CHUNK_WORDS, phaseRows);
                } else {
                    java.util.Arrays.fill(chunkRows, i * RowBuilder.CHUNK_WORDS, (i + 1) * RowBuilder.CHUNK_WORDS, 0L);
                    if (phased) {
                        java.util.Arrays.fill(phaseRows, i * RowBuilder.CHUNK_WORDS,
                                (i + 1) * RowBuilder.CHUNK_WORDS, 0L);
                    }
                }
            }
            for (int w = 0; w < words; w++) {
                for (int i = 0; i < 32; i++) {
                    tile[i] = chunkRows[i * RowBuilder.CHUNK_WORDS + w];
                }
                Transpose2Bit.transpose(tile, 0);
                int kEnd = Math.min(32, nv - w * 32);
                for (int k = 0; k < kEnd; k++) {
                    out[(w * 32 + k) * wpv + g] = tile[k];
                }
                if (phased) {
                    for (int i = 0; i < 32; i++) {
                        tile[i] = phaseRows[i * RowBuilder.CHUNK_WORDS + w];
                    }
                    Transpose2Bit.transpose(tile, 0);
                    for (int k = 0; k < kEnd; k++) {
                        phase[w * 32 + k][g >>> 1] |= org.genosynth.util.Bits.evenBits(tile[k]) << ((g & 1) << 5);
                    }
                }
            }
        }
        return new VariantBlock(v0, n, variants.subList(v0, v1), out, null, phase);
    }
}
