package org.genosynth.qc;

import java.util.function.Function;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * The per-block QC function: counts genotypes by popcount, runs the HWE test, applies the variant filters and adds
 * the kept variants' per-sample missing and heterozygous counts. Pure and thread-safe: one instance serves every
 * block, locally or on Spark; results combine by {@link SampleTotals#add}.
 */
public final class QcKernel implements Function<VariantBlock, QcKernel.BlockQc>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int sampleCount;
    private final long[] founderMask;
    private final QcThresholds thresholds;

    /**
     * @param sampleCount samples per block
     * @param founderMask one bit per founder at the low bit of its 2-bit slot ({@code wordsPerVariant} words), or
     *                    null when every sample is a founder
     * @param thresholds  variant filters (sample filters are applied before the blocks reach the kernel)
     */
    public QcKernel(int sampleCount, long[] founderMask, QcThresholds thresholds) {
        this.sampleCount = sampleCount;
        this.founderMask = founderMask;
        this.thresholds = thresholds;
    }

    /** What one block contributes: its variants' stats and keep flags, and per-sample partial sums. */
    public record BlockQc(VariantBlock block, VariantStats[] stats, boolean[] kept, SampleTotals samples) {
    }

    @Override
    public BlockQc apply(VariantBlock block) {
        int nv = block.variantCount();
        VariantStats[] stats = new VariantStats[nv];
        boolean[] kept = new boolean[nv];
        SampleTotals totals = new SampleTotals(sampleCount);
        BitSlicedCounter hets = new BitSlicedCounter(sampleCount);
        long[] words = block.genotypeWords();
        int wpv = block.wordsPerVariant();
        for (int v = 0; v < nv; v++) {
            int offset = v * wpv;
            stats[v] = count(words, offset, wpv);
            kept[v] = passes(stats[v]);
            if (kept[v]) {
                accumulate(words, offset, wpv, stats[v], totals, hets);
            }
        }
        totals.setHets(hets.totals());
        return new BlockQc(block, stats, kept, totals);
    }

    private VariantStats count(long[] words, int offset, int wpv) {
        int[] all = GenotypeCodes.counts(words, offset, sampleCount);
        if (founderMask == null) {
            return new VariantStats(all[0], all[1], all[2], all[3], all[0], all[1], all[2],
                    HardyWeinberg.exactP(all[1], all[0], all[2]));
        }
        int het = 0;
        int homAlt = 0;
        int missing = 0;
        int founders = 0;
        for (int w = 0; w < wpv; w++) {
            long word = words[offset + w];
            long f = founderMask[w];
            long lo = word & GenotypeCodes.LOW_BITS;
            long hi = (word >>> 1) & GenotypeCodes.LOW_BITS;
            het += Long.bitCount(lo & ~hi & f);
            homAlt += Long.bitCount(hi & ~lo & f);
            missing += Long.bitCount(lo & hi & f);
            founders += Long.bitCount(f);
        }
        int homRef = founders - het - homAlt - missing;
        return new VariantStats(all[0], all[1], all[2], all[3], homRef, het, homAlt,
                HardyWeinberg.exactP(het, homRef, homAlt));
    }

    private boolean passes(VariantStats s) {
        if (!Double.isNaN(thresholds.geno()) && s.missingRate() > thresholds.geno()) {
            return false;
        }
        if (!Double.isNaN(thresholds.hwe()) && s.hweP() < thresholds.hwe()) {
            return false;
        }
        if (!Double.isNaN(thresholds.maf())) {
            double maf = s.minorFrequency();
            return !Double.isNaN(maf) && maf >= thresholds.maf();
        }
        return true;
    }

    private void accumulate(long[] words, int offset, int wpv, VariantStats s, SampleTotals totals,
                            BitSlicedCounter hets) {
        boolean poly = s.isPolymorphic() && s.founderObserved() > 1;
        double expectedHom = poly ? s.expectedHomozygosity() : 0;
        totals.addVariant(poly, expectedHom);
        for (int w = 0; w < wpv; w++) {
            long word = words[offset + w];
            long missing = GenotypeCodes.missingMask(word);
            while (missing != 0) {
                int bit = Long.numberOfTrailingZeros(missing);
                totals.addMissing((w << 5) + (bit >>> 1), poly, expectedHom);
                missing &= missing - 1;
            }
            if (poly) {
                hets.add(w, GenotypeCodes.hetMask(word));
            }
        }
        if (poly) {
            hets.endVariant();
        }
    }
}
