package org.genosynth.qc;

import org.genosynth.exec.WorkerKernel;
import org.genosynth.model.Chromosomes;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.VariantBlock;

/**
 * The per-block QC function: counts genotypes by popcount, runs the HWE test, applies the variant filters and adds
 * the kept variants' per-sample heterozygous and missing calls (and the expected homozygosity lost to missing calls)
 * to the worker's {@link SampleCounter} (exact integers: any split of blocks over workers gives the same sums); a
 * block's own {@link SampleTotals} hold only its variant counts. Stateless itself: one instance serves every block,
 * locally or on Spark.
 */
public final class QcKernel implements WorkerKernel<SampleCounter, VariantBlock, QcKernel.BlockQc> {
    private static final long serialVersionUID = 1L;

    private final int sampleCount;
    private final long[] founderMask;
    private final QcThresholds thresholds;
    private final boolean inbreeding;
    private final boolean formatReports;
    /** The samples by sex, or null when no sample's sex is known: X, Y and MT are counted by them. */
    private final SexMasks sexes;
    private transient volatile long[] noSamples;

    /**
     * @param sampleCount samples per block
     * @param founderMask one bit per founder at the low bit of its 2-bit slot ({@code wordsPerVariant} words), or
     *                    null when every sample is a founder
     * @param thresholds  variant filters (sample filters are applied before the blocks reach the kernel)
     * @param inbreeding  also sum each sample's expected homozygosity for the inbreeding coefficient F (costs a pass
     *                    over the missing calls)
     */
    public QcKernel(int sampleCount, long[] founderMask, QcThresholds thresholds, boolean inbreeding) {
        this(sampleCount, founderMask, thresholds, inbreeding, false);
    }

    /** As above; {@code formatReports} also formats the per-variant QC table lines of each block. */
    public QcKernel(int sampleCount, long[] founderMask, QcThresholds thresholds, boolean inbreeding,
                    boolean formatReports) {
        this(sampleCount, founderMask, thresholds, inbreeding, formatReports, null);
    }

    /**
     * As above, counting the sex chromosomes and MT as plink2 does ({@link #sexChromosomes}) by the samples' sexes
     * ({@code sexes}, null when none is known).
     */
    public QcKernel(int sampleCount, long[] founderMask, QcThresholds thresholds, boolean inbreeding,
                    boolean formatReports, SexMasks sexes) {
        this.sexes = sexes;
        this.sampleCount = sampleCount;
        this.founderMask = founderMask;
        this.thresholds = thresholds;
        this.inbreeding = inbreeding;
        this.formatReports = formatReports;
    }

    /**
     * What one block contributes: its variants' stats and keep flags, per-sample partial sums and, when reports are
     * wanted, the kept variants' table lines (formatted here, on the worker).
     */
    public record BlockQc(VariantBlock block, VariantStats[] stats, boolean[] kept, SampleTotals samples,
                          QcReportWriter.VariantLines lines) implements java.io.Serializable {
    }

    /** A fresh per-worker counter for this kernel's samples. */
    public SampleCounter newCounter() {
        return new SampleCounter(sampleCount);
    }

    @Override
    public SampleCounter newState() {
        return newCounter();
    }

    @Override
    public BlockQc apply(SampleCounter counter, VariantBlock block) {
        int nv = block.variantCount();
        VariantStats[] stats = new VariantStats[nv];
        boolean[] kept = new boolean[nv];
        SampleTotals totals = new SampleTotals(sampleCount);
        long[] words = block.genotypeWords();
        int wpv = block.wordsPerVariant();
        for (int v = 0; v < nv; v++) {
            int offset = v * wpv;
            long[] counted = missingCounted(block, v);
            boolean poly;
            if (founderMask == null) {
                // one pass: the row's masks go to the per-sample lanes while it is counted, and are taken back out
                // if the variant turns out to be filtered (or not polymorphic, for the hets)
                counter.addRowAndCount(words, offset);
                stats[v] = sexChromosomes(block, v,
                        stats(counter.lastHets(), counter.lastMissing(), counter.lastSetBits()),
                        words, offset);
                kept[v] = passes(stats[v]);
                poly = kept[v] && isPolymorphic(stats[v]) && autosome(block, v);
                counter.settleRow(words, offset, kept[v], poly, counted);
                if (!kept[v]) {
                    continue;
                }
            } else {
                stats[v] = sexChromosomes(block, v, count(words, offset), words, offset);
                kept[v] = passes(stats[v]);
                if (!kept[v]) {
                    continue;
                }
                poly = isPolymorphic(stats[v]) && autosome(block, v);
                // the row is still in the L1 cache from counting
                counter.addRow(words, offset, poly, counted);
            }
            long expectedHom = poly ? SampleTotals.fixed(stats[v].expectedHomozygosity()) : 0;
            totals.addVariant(poly, expectedHom, counted != null);
            if (stats[v].missing() > 0 && (!poly || inbreeding)) {
                addSparseMissing(words, offset, wpv, poly, expectedHom, counter, counted);
            }
        }
        return new BlockQc(block, stats, kept, totals,
                formatReports ? QcReportWriter.format(block, stats, kept) : null);
    }

    /**
     * {@code s} as plink2 counts variant {@code v} when it is not autosomal ({@link Chromosomes}): on X a male founder
     * carries one allele ({@code .afreq}, {@code --maf}) and the Hardy–Weinberg test is chromosome X's, of the female
     * and male founders ({@code .hardy.x}, {@code --hwe}); on Y only the male founders count, one allele each, and on
     * MT every founder carries one; neither has a Hardy–Weinberg test, nor has X when no sample's sex is known.
     */
    private VariantStats sexChromosomes(VariantBlock block, int v, VariantStats s, long[] words, int offset) {
        String chrom = block.variants().get(v).chrom();
        if (Chromosomes.isAutosome(chrom)) {
            return s;
        }
        if (Chromosomes.isX(chrom)) {
            if (sexes == null) {
                return s.withXHardy(null);
            }
            int[] m = countsOf(sexes.maleFounders(), words, offset);
            int[] f = countsOf(sexes.femaleFounders(), words, offset);
            VariantStats x = m[3] == 0 ? s : s.onX(m[0], m[1], m[3] - m[2]);
            return x.withXHardy(new VariantStats.XHardy(f[3] - f[0] - f[1] - f[2], f[0], f[1],
                    m[3] - m[0] - m[1] - m[2], m[1]));
        }
        if (Chromosomes.isY(chrom)) {
            int[] males = countsOf(sexes == null ? null : sexes.males(), words, offset);
            int[] m = countsOf(sexes == null ? null : sexes.maleFounders(), words, offset);
            return s.onSamples(males[3] - males[0] - males[1] - males[2], males[0], males[1], males[2])
                    .haploid(m[3] - m[0] - m[1] - m[2], m[0], m[1]);
        }
        return s.haploid(s.founderHomRef(), s.founderHet(), s.founderHomAlt());
    }

    /**
     * The samples whose missing calls at variant {@code v} count per sample, or null for every sample: on chrY the
     * males (as plink2's {@code .smiss}, {@code --mind}), none when no sample is known to be male.
     */
    private long[] missingCounted(VariantBlock block, int v) {
        if (!Chromosomes.isY(block.variants().get(v).chrom())) {
            return null;
        }
        return sexes == null || sexes.males() == null ? noSamples() : sexes.males();
    }

    /** An empty sample mask (cached per kernel instance: workers only read it). */
    private long[] noSamples() {
        if (noSamples == null) {
            noSamples = new long[GenotypeCodes.wordsPerVariant(sampleCount)];
        }
        return noSamples;
    }

    /** {@link GenotypeCodes#maskedCounts} of the samples of {@code mask}, all zero when there is none (null). */
    private static int[] countsOf(long[] mask, long[] words, int offset) {
        return mask == null ? new int[4] : GenotypeCodes.maskedCounts(words, offset, mask);
    }

    /** The heterozygosity/F estimate is on the autosomes, as plink2 --het's (X, Y and MT left out). */
    private static boolean autosome(VariantBlock block, int v) {
        return Chromosomes.isAutosome(block.variants().get(v).chrom());
    }

    /** Variants that enter the heterozygosity/F estimate: both alleles seen among at least two founders. */
    private static boolean isPolymorphic(VariantStats s) {
        return s.isPolymorphic() && s.founderObserved() > 1;
    }

    /** Per-sample missing calls at monomorphic variants, and expected homozygosity lost to missing calls. */
    private static void addSparseMissing(long[] words, int offset, int wpv, boolean poly, long expectedHom,
                                         SampleCounter counter, long[] counted) {
        for (int w = 0; w < wpv; w++) {
            long missing = GenotypeCodes.missingMask(words[offset + w]) & (counted == null ? -1L : counted[w]);
            while (missing != 0) {
                int bit = Long.numberOfTrailingZeros(missing);
                counter.addSparseMissing((w << 5) + (bit >>> 1), poly, expectedHom);
                missing &= missing - 1;
            }
        }
    }

    /** Stats of a variant when every sample is a founder, from its het and missing counts and set bits. */
    private VariantStats stats(int het, int missing, int setBits) {
        int homAlt = setBits - het - 2 * missing;
        int homRef = sampleCount - het - homAlt - missing;
        return new VariantStats(homRef, het, homAlt, missing, homRef, het, homAlt,
                HardyWeinberg.exactP(het, homRef, homAlt));
    }

    private VariantStats count(long[] words, int offset) {
        int[] all = GenotypeCodes.counts(words, offset, sampleCount);
        if (founderMask == null) {
            return new VariantStats(all[0], all[1], all[2], all[3], all[0], all[1], all[2],
                    HardyWeinberg.exactP(all[1], all[0], all[2]));
        }
        int[] f = GenotypeCodes.maskedCounts(words, offset, founderMask);
        int homRef = f[3] - f[0] - f[1] - f[2];
        return new VariantStats(all[0], all[1], all[2], all[3], homRef, f[0], f[1],
                HardyWeinberg.exactP(f[0], homRef, f[1]));
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

}
