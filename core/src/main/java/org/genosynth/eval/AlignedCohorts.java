package org.genosynth.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;

/**
 * The real (training) cohort, the synthetic one and optionally the holdout, restricted to the variants they share and
 * put on the real cohort's variant order and alleles. Variants are matched by chromosome and position when the
 * position is known, by ID otherwise; a variant whose REF and ALT are swapped is matched with its genotypes flipped;
 * one whose alleles differ otherwise is left out.
 *
 * @param train     the real cohort used for training, on the shared variants
 * @param synthetic the synthetic cohort, same variants in the same order
 * @param holdout   real samples not used for training, same variants, or null
 * @param realVariants     variants in the real input
 * @param syntheticVariants variants in the synthetic input
 * @param flipped   shared variants whose alleles were swapped in the synthetic (or holdout) cohort
 */
public record AlignedCohorts(GenotypeMatrix train, GenotypeMatrix synthetic, GenotypeMatrix holdout, int realVariants,
        int syntheticVariants, int flipped) {

    /** Aligns the cohorts; the variants kept are those present in every given cohort. */
    public static AlignedCohorts of(GenotypeMatrix real, GenotypeMatrix synthetic, GenotypeMatrix holdout) {
        int[] inSyn = match(real.variants(), synthetic.variants());
        int[] inHold = holdout == null ? null : match(real.variants(), holdout.variants());
        List<Integer> keep = new ArrayList<>();
        for (int v = 0; v < real.variantCount(); v++) {
            if (inSyn[v] != NONE && (inHold == null || inHold[v] != NONE)) {
                keep.add(v);
            }
        }
        int[] realIdx = keep.stream().mapToInt(Integer::intValue).toArray();
        int flips = 0;
        int[] synIdx = new int[realIdx.length];
        int[] holdIdx = new int[realIdx.length];
        for (int k = 0; k < realIdx.length; k++) {
            synIdx[k] = inSyn[realIdx[k]];
            flips += synIdx[k] < 0 ? 1 : 0;
            if (inHold != null) {
                holdIdx[k] = inHold[realIdx[k]];
                flips += holdIdx[k] < 0 ? 1 : 0;
            }
        }
        List<Variant> variants = new ArrayList<>(realIdx.length);
        for (int v : realIdx) {
            variants.add(real.variants().get(v));
        }
        int[] identity = new int[realIdx.length];
        for (int k = 0; k < identity.length; k++) {
            identity[k] = encode(realIdx[k], false);
        }
        return new AlignedCohorts(select(real, identity, variants), select(synthetic, synIdx, variants),
                holdout == null ? null : select(holdout, holdIdx, variants), real.variantCount(),
                synthetic.variantCount(), flips);
    }

    /** Number of shared variants. */
    public int variantCount() {
        return train.variantCount();
    }

    private static final int NONE = Integer.MIN_VALUE;

    /** Index i encoded as i (same alleles) or -(i+1) (swapped). */
    private static int encode(int index, boolean swapped) {
        return swapped ? -(index + 1) : index;
    }

    /** The key variants are matched by: {@code chrom:pos} when the position is known, {@code id:ID} otherwise. */
    public static String key(Variant v) {
        return v.position() > 0 ? v.chrom() + ":" + v.position() : "id:" + v.id();
    }

    /** For each variant of {@code reference}, its encoded index in {@code other}, or NONE. */
    private static int[] match(List<Variant> reference, List<Variant> other) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int j = 0; j < other.size(); j++) {
            byKey.computeIfAbsent(key(other.get(j)), k -> new ArrayList<>(1)).add(j);
        }
        boolean[] used = new boolean[other.size()];
        int[] out = new int[reference.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = NONE;
            Variant r = reference.get(i);
            List<Integer> candidates = byKey.get(key(r));
            if (candidates == null) {
                continue;
            }
            for (int j : candidates) {
                if (used[j]) {
                    continue;
                }
                Variant o = other.get(j);
                if (o.ref().equals(r.ref()) && o.alt().equals(r.alt())) {
                    out[i] = encode(j, false);
                } else if (o.ref().equals(r.alt()) && o.alt().equals(r.ref())) {
                    out[i] = encode(j, true);
                } else {
                    continue;
                }
                used[j] = true;
                break;
            }
        }
        return out;
    }

    /** The rows {@code index} (encoded) of {@code m}, flipped where swapped, labelled with {@code variants}. */
    private static GenotypeMatrix select(GenotypeMatrix m, int[] index, List<Variant> variants) {
        int wpv = m.wordsPerVariant();
        long[] words = new long[index.length * wpv];
        long lastMask = GenotypeCodes.lastWordMask(m.sampleCount());
        for (int k = 0; k < index.length; k++) {
            boolean swapped = index[k] < 0;
            int v = swapped ? -index[k] - 1 : index[k];
            System.arraycopy(m.words(), m.offset(v), words, k * wpv, wpv);
            if (swapped) {
                for (int w = 0; w < wpv; w++) {
                    long word = words[k * wpv + w];
                    long valid = w == wpv - 1 ? lastMask : -1L;
                    // code 0 (00) <-> code 2 (10): toggle the high bit where the low bit is clear
                    long lowClear = ~word & GenotypeCodes.LOW_BITS & valid;
                    words[k * wpv + w] = word ^ (lowClear << 1);
                }
            }
        }
        return new GenotypeMatrix(m.samples(), variants, words, null);
    }
}
