package org.genosynth.qc;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;

/**
 * The male and the female founders among the kept samples, one bit at the low bit of each one's 2-bit slot: what the
 * QC kernel counts chromosome X's frequencies (a male founder one allele), its Hardy–Weinberg test (females and males,
 * plink2's {@code .hardy.x}) and chrY (male founders only) by. Samples of unknown sex are in neither.
 *
 * @param males   the male founders, or null when there is none
 * @param females the female founders, or null when there is none
 */
public record FounderSexes(long[] males, long[] females) implements java.io.Serializable {

    /**
     * The founders of {@code kept} by sex ({@code founderMask}: null, every kept sample a founder); null when no
     * founder's sex is known (plink2 then counts X as diploid and skips its Hardy–Weinberg test).
     */
    public static FounderSexes of(SampleSheet kept, long[] founderMask) {
        long[] males = mask(kept, founderMask, Sex.MALE);
        long[] females = mask(kept, founderMask, Sex.FEMALE);
        return males == null && females == null ? null : new FounderSexes(males, females);
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
