package org.genosynth.qc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.genosynth.exec.Backend;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/**
 * The sample side of plink's filters and the variant lists, in plink2's order: {@code --keep/--remove} and
 * {@code --extract/--exclude} first, then {@code --mind} (each sample's missing rate over the selected variants), and
 * which of the kept samples are founders (for {@code --maf} and {@code --hwe}). The per-variant thresholds
 * ({@code --geno --hwe --maf}) are {@link QcKernel}'s. Used by {@link QcPipeline} (qc, convert) and by
 * {@link VariantFilterPass} (gwas).
 */
public final class CohortFilter {
    private CohortFilter() {
    }

    /**
     * The samples kept by the sample filters.
     *
     * @param selected      indices into the input's samples, ascending
     * @param removedByMind how many of the listed samples --mind removed
     */
    public record Samples(int[] selected, int removedByMind) {
    }

    /**
     * Applies --keep/--remove, then --mind over the variants {@code variantKeep} selects (one extra pass over the
     * input, only when --mind is on). Fails when no sample is left.
     */
    public static Samples selectSamples(QcRequest request, SampleSheet sheet, Predicate<Variant> variantKeep,
                                        Backend backend, List<String> notes) {
        int[] selected = IdLists.selectSamples(sheet.samples(), request.keep(), request.remove(), notes);
        int removedMind = 0;
        if (selected.length > 0 && !Double.isNaN(request.thresholds().mind())) {
            int[] afterMind = applyMind(request, sheet, selected, variantKeep, backend);
            removedMind = selected.length - afterMind.length;
            selected = afterMind;
        }
        if (selected.length == 0) {
            throw InputException.usage("no samples left after sample filters"
                    + (removedMind > 0 ? " (--mind " + request.thresholds().mind() + " removed " + removedMind + ")"
                    : ""));
        }
        return new Samples(selected, removedMind);
    }

    /** --extract/--exclude as a predicate on variant IDs, or null when neither is given. */
    public static Predicate<Variant> variantPredicate(QcRequest request) {
        Set<String> extract = request.extract() == null ? null : IdLists.readVariantIds(request.extract());
        Set<String> exclude = request.exclude() == null ? null : IdLists.readVariantIds(request.exclude());
        if (extract == null && exclude == null) {
            return null;
        }
        return v -> (extract == null || extract.contains(v.id())) && (exclude == null || !exclude.contains(v.id()));
    }

    /**
     * Zero variants left would give tables of NaN (plink2 stops too): fails when the input or the variant lists left
     * nothing to read ({@code read == 0}) or the thresholds removed everything ({@code kept == 0}).
     */
    public static void requireVariants(QcRequest request, long read, long kept) {
        if (read == 0) {
            throw InputException.usage(request.extract() != null || request.exclude() != null
                    ? "no variants left after --extract/--exclude (check that the lists name variant IDs of "
                    + "the input)" : request.input() + ": holds no variants");
        }
        if (kept == 0) {
            throw InputException.usage("no variants left after the --geno/--hwe/--maf filters (" + read
                    + " read); loosen them");
        }
    }

    /** First pass for --mind: per-sample missing rates over the selected variants. */
    private static int[] applyMind(QcRequest request, SampleSheet sheet, int[] selected,
                                   Predicate<Variant> variantKeep, Backend backend) {
        SampleTotals totals = new SampleTotals(selected.length);
        SexMasks sexes = SexMasks.of(sheet.select(selected), null);
        QcKernel counting = new QcKernel(selected.length, null, QcThresholds.none(), false, false, sexes);
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            List<SampleCounter> counters = backend.mapOrdered(new BlockStream(reader, selected, variantKeep),
                    counting, r -> totals.add(r.samples()));
            combine(counters, counting).into(totals);
        }
        totals.setSexes(sexes);
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < selected.length; j++) {
            if (!(totals.missingRate(j) > request.thresholds().mind())) {
                keep.add(selected[j]);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The per-worker counters of one pass, summed. */
    static SampleCounter combine(List<SampleCounter> counters, QcKernel kernel) {
        SampleCounter all = kernel.newCounter();
        for (SampleCounter c : counters) {
            all.add(c);
        }
        return all;
    }

    /**
     * Founders among the kept samples: a sample is a non-founder only when its father or mother is a sample of the
     * input (parent fields that name nobody, such as strain labels, do not count). Null when every kept sample is a
     * founder, or when {@code request} asks for --nonfounders.
     */
    public static long[] founderMask(QcRequest request, SampleSheet all, SampleSheet kept) {
        return request.nonfounders() ? null : founderMask(all, kept);
    }

    static long[] founderMask(SampleSheet all, SampleSheet kept) {
        boolean anyParent = false;
        for (Sample s : kept.samples()) {
            anyParent |= s.hasFather() || s.hasMother();
        }
        if (!anyParent) {
            return null;   // every kept sample is a founder: no set of IDs to build
        }
        Set<String> ids = new HashSet<>();
        for (Sample s : all.samples()) {
            ids.add(s.id());
        }
        long[] mask = new long[GenotypeCodes.wordsPerVariant(kept.size())];
        boolean allFounders = true;
        for (int i = 0; i < kept.size(); i++) {
            Sample s = kept.samples().get(i);
            boolean nonFounder = s.hasFather() && ids.contains(s.fatherId())
                    || s.hasMother() && ids.contains(s.motherId());
            if (nonFounder) {
                allFounders = false;
            } else {
                mask[i >>> 5] |= 1L << ((i & 31) << 1);
            }
        }
        return allFounders ? null : mask;
    }

    /** Number of set bits (founders) in a mask. */
    static int countBits(long[] mask) {
        int n = 0;
        for (long w : mask) {
            n += Long.bitCount(w);
        }
        return n;
    }
}
