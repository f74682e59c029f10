package org.genosynth.qc;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;

/**
 * The kept samples by sex, one bit at the low bit of each one's 2-bit slot: what the QC kernel counts the sex
 * chromosomes by, as plink2 does. Chromosome X's frequencies count a male founder as one allele and its Hardy–Weinberg
 * test takes the female and male founders ({@code .hardy.x}); chrY's frequencies count the male founders, its
 * missingness the males. Samples of unknown sex are in none.
 *
 * @param maleFounders   the male founders, or null when there is none
 * @param femaleFounders the female founders, or null when there is none
 * @param males          every male, or null when there is none
 */
public record SexMasks(long[] maleFounders, long[] femaleFounders, long[] males) implements java.io.Serializable {

    /**
     * The samples of {@code kept} by sex ({@code founderMask}: null, every kept sample a founder); null when no
     * sample's sex is known (plink2 then counts X as diploid and skips its Hardy–Weinberg test).
     */
    public static SexMasks of(SampleSheet kept, long[] founderMask) {
        long[] males = mask(kept, null, Sex.MALE);
        long[] females = mask(kept, null, Sex.FEMALE);
        if (males == null && females == null) {
            return null;
        }
        return new SexMasks(mask(kept, founderMask, Sex.MALE), mask(kept, founderMask, Sex.FEMALE), males);
    }

    /** True when sample {@code i} is male. */
    public boolean isMale(int i) {
        return males != null && (males[i >>> 5] & (1L << ((i & 31) << 1))) != 0;
    }

    private static long[] mask(SampleSheet kept, long[] founderMask, Sex sex) {
        long[] mask = new long[GenotypeCodes.wordsPerVariant(kept.size())];
        boolean any = false;
        for (int i = 0; i < kept.size(); i++) {
            long bit = 1L << ((i & 31) << 1);
            if (kept.samples().get(i).sex() == sex && (founderMask == null || (founderMask[i >>> 5] & bit) != 0)) {
                mask[i >>> 5] |= bit;
                any = true;
            }
        }
        return any ? mask : null;
    }
}
