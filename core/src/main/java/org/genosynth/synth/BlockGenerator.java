package org.genosynth.synth;

import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Turns the synthetic genomes' paths into variant-major blocks of 1,024 variants: per group of 32 synthetic samples,
 * their 32-word chunk rows are built ({@link RowBuilder}) and moved into the variant-major layout by 32 x 32 tile
 * transpositions. A block depends only on its index, so blocks can be generated on any thread in any order.
 */
final class BlockGenerator {
    private final RowBuilder builder;
    private final List<Variant> variants;
    private final GenomePath[] paths;
    private final int[] attempts;
    private final int[] populations;

    BlockGenerator(RowBuilder builder, List<Variant> variants, GenomePath[] paths, int[] attempts, int[] populations) {
        this.builder = builder;
        this.variants = variants;
        this.paths = paths;
        this.attempts = attempts;
        this.populations = populations;
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
        for (int g = 0; g < wpv; g++) {
            for (int i = 0; i < 32; i++) {
                int s = g * 32 + i;
                if (s < n) {
                    builder.fillChunk(paths[s], s, attempts[s], populations[s], b, chunkRows,
                            i * RowBuilder.CHUNK_WORDS);
                } else {
                    java.util.Arrays.fill(chunkRows, i * RowBuilder.CHUNK_WORDS, (i + 1) * RowBuilder.CHUNK_WORDS, 0L);
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
            }
        }
        return new VariantBlock(v0, n, variants.subList(v0, v1), out, null, null);
    }
}
