package org.genosynth.qc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import org.genosynth.exec.Backend;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/**
 * plink's filters ahead of an analysis that reads the input again (gwas): the samples {@link CohortFilter} keeps, and
 * one pass of {@link QcKernel} over them that marks the variants passing {@code --geno --hwe --maf} (frequencies and
 * HWE over founders unless --nonfounders), exactly the samples and variants {@link QcPipeline} keeps for qc and
 * convert. Fails when the filters leave no sample or no variant.
 */
public final class VariantFilterPass {
    private VariantFilterPass() {
    }

    /**
     * What the filters kept.
     *
     * @param samples        indices into the input's samples, ascending
     * @param inputSamples   samples in the input
     * @param removedByMind  samples --mind removed
     * @param variantsRead   variants after --extract/--exclude
     * @param kept           which of those passed --geno/--hwe/--maf, by their order in the input
     * @param removed        variants removed by --geno, --hwe, --maf (in that order)
     * @param lists          --extract/--exclude, or null
     * @param notes          what the sample lists did not match
     */
    public record Selection(int[] samples, int inputSamples, int removedByMind, long variantsRead, BitSet kept,
                            long[] removed, Predicate<Variant> lists, List<String> notes) {
        /** Variants kept. */
        public long variantsKept() {
            return kept.cardinality();
        }

        /**
         * A fresh predicate for one read of the input through a {@link BlockStream} (which tests every variant once,
         * in input order): true for the variants that passed every filter.
         */
        public Predicate<Variant> variants() {
            int[] next = {0};
            return v -> (lists == null || lists.test(v)) && kept.get(next[0]++);
        }

        /** One line for a run's summary: what the filters kept and removed. */
        public String describe() {
            return "filters kept " + samples.length + " of " + inputSamples + " samples"
                    + (removedByMind > 0 ? " (--mind removed " + removedByMind + ")" : "") + " and "
                    + variantsKept() + " of " + variantsRead + " variants (--geno removed " + removed[0]
                    + ", --hwe " + removed[1] + ", --maf " + removed[2] + ")";
        }
    }

    /** Runs the filters of {@code request} (one pass, two with --mind) on {@code backend}. */
    public static Selection run(QcRequest request, Backend backend) {
        List<String> notes = new ArrayList<>();
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            SampleSheet sheet = reader.sampleSheet();
            Predicate<Variant> lists = CohortFilter.variantPredicate(request);
            CohortFilter.Samples chosen = CohortFilter.selectSamples(request, sheet, lists, backend, notes);
            SampleSheet kept = sheet.select(chosen.selected());
            long[] founders = CohortFilter.founderMask(request, sheet, kept);
            QcKernel kernel = new QcKernel(kept.size(), founders, request.thresholds(), false, false,
                    SexMasks.of(kept, founders));
            BitSet passed = new BitSet();
            long[] removed = new long[3];
            long[] read = {0};
            backend.mapOrdered(new BlockStream(reader, chosen.selected(), lists), kernel, r -> {
                for (int i = 0; i < r.kept().length; i++, read[0]++) {
                    if (r.kept()[i]) {
                        passed.set(Math.toIntExact(read[0]));
                    } else {
                        removed[switch (request.thresholds().failedFilter(r.stats()[i])) {
                            case "geno" -> 0;
                            case "hwe" -> 1;
                            default -> 2;
                        }]++;
                    }
                }
            });
            CohortFilter.requireVariants(request, read[0], passed.cardinality());
            return new Selection(chosen.selected(), sheet.size(), chosen.removedByMind(), read[0], passed, removed,
                    lists, notes);
        }
    }
}
