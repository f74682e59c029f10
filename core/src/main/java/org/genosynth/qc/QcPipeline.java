package org.genosynth.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.genosynth.eval.Coding;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads a cohort once (twice with --mind), applies sample and variant filters, and feeds the kept data to QC reports
 * and/or a genotype writer. Order of operations: keep/remove and extract/exclude; --mind over the selected variants;
 * then per variant --geno, --hwe, --maf on the kept samples (frequencies and HWE over founders).
 */
public final class QcPipeline {
    private QcPipeline() {
    }

    /**
     * Where the kept data goes. {@code reportPrefix} and {@code writerFactory} may each be null; {@code inbreeding}
     * adds the {@code .het} table (it costs an extra pass over the missing calls, like plink2's separate --het).
     */
    public record Sinks(String reportPrefix, boolean inbreeding, Function<SampleSheet, GenotypeWriter> writerFactory,
                        ProgressListener progress) {
        public Sinks {
            progress = progress == null ? ProgressListener.NONE : progress;
        }

        /** Reports (without .het) and/or a writer. */
        public Sinks(String reportPrefix, Function<SampleSheet, GenotypeWriter> writerFactory,
                     ProgressListener progress) {
            this(reportPrefix, false, writerFactory, progress);
        }
    }

    /** Runs the pass on a thread pool of {@code request.threads()} workers. */
    public static QcSummary run(QcRequest request, Sinks sinks) {
        try (ExecutionContext context = ExecutionContext.local(request.threads(), sinks.progress())) {
            return run(request, sinks, context);
        }
    }

    /** Runs the pass on {@code context}'s backend. */
    public static QcSummary run(QcRequest request, Sinks sinks, ExecutionContext context) {
        List<String> notes = new ArrayList<>();
        Backend backend = context.backend();
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            SampleSheet sheet = reader.sampleSheet();
            int[] selected = IdLists.selectSamples(sheet.samples(), request.keep(), request.remove(), notes);
            Predicate<Variant> variantKeep = variantPredicate(request);
            int removedMind = 0;
            if (!Double.isNaN(request.thresholds().mind())) {
                int[] afterMind = applyMind(request, selected, variantKeep, backend);
                removedMind = selected.length - afterMind.length;
                selected = afterMind;
            }
            if (selected.length == 0) {
                throw InputException.usage("no samples left after sample filters");
            }
            SampleSheet kept = sheet.select(selected);
            sinks.progress().start("variants", reader.variantCountHint());
            long[] founderMask = request.nonfounders() ? null : founderMask(sheet, kept);
            int founders = founderMask == null ? kept.size() : countBits(founderMask);
            QcKernel kernel = new QcKernel(kept.size(), founderMask, request.thresholds(),
                    sinks.reportPrefix() != null && sinks.inbreeding(), sinks.reportPrefix() != null);
            Collector collector = new Collector(kept, request.thresholds(), sinks);
            try {
                List<SampleCounter> counters = backend.mapOrdered(new BlockStream(reader, selected, variantKeep),
                        kernel, collector::accept);
                collector.setCounts(combine(counters, kernel));
                collector.requireVariants(request);
                List<Path> outputs = collector.commit();
                notes.addAll(reader.notes());
                String codingNote = collector.coding.coding().commandNote();
                if (codingNote != null) {
                    notes.add(codingNote);
                }
                return collector.summary(sheet.size(), removedMind, founders, outputs, notes);
            } finally {
                collector.close();
            }
        }
    }

    private static SampleCounter combine(List<SampleCounter> counters, QcKernel kernel) {
        SampleCounter all = kernel.newCounter();
        for (SampleCounter c : counters) {
            all.add(c);
        }
        return all;
    }

    private static Predicate<Variant> variantPredicate(QcRequest request) {
        Set<String> extract = request.extract() == null ? null : IdLists.readVariantIds(request.extract());
        Set<String> exclude = request.exclude() == null ? null : IdLists.readVariantIds(request.exclude());
        if (extract == null && exclude == null) {
            return null;
        }
        return v -> (extract == null || extract.contains(v.id())) && (exclude == null || !exclude.contains(v.id()));
    }

    /** First pass for --mind: per-sample missing rates over the selected variants. */
    private static int[] applyMind(QcRequest request, int[] selected, Predicate<Variant> variantKeep,
                                   Backend backend) {
        SampleTotals totals = new SampleTotals(selected.length);
        QcKernel counting = new QcKernel(selected.length, null, QcThresholds.none(), false);
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            List<SampleCounter> counters = backend.mapOrdered(new BlockStream(reader, selected, variantKeep),
                    counting, r -> totals.add(r.samples()));
            combine(counters, counting).into(totals);
        }
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < selected.length; j++) {
            if (!(totals.missingRate(j) > request.thresholds().mind())) {
                keep.add(selected[j]);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Founders among the kept samples: a sample is a non-founder only when its father or mother is a sample of the
     * input (parent fields that name nobody, such as strain labels, do not count).
     */
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

    private static int countBits(long[] mask) {
        int n = 0;
        for (long w : mask) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Receives block results in order: writes reports and kept genotypes, sums totals and counts. */
    private static final class Collector implements AutoCloseable {
        private final SampleSheet kept;
        private final QcThresholds thresholds;
        private final Sinks sinks;
        private final QcReportWriter reports;
        private final GenotypeWriter writer;
        private final SampleTotals totals;
        private long read;
        private long keptVariants;
        private long geno;
        private long hwe;
        private long maf;
        private long unknownPosition;
        private long monomorphic;
        private long hweLow;
        private long keptIndex;
        private final Coding.Tally coding = new Coding.Tally();

        Collector(SampleSheet kept, QcThresholds thresholds, Sinks sinks) {
            this.kept = kept;
            this.thresholds = thresholds;
            this.sinks = sinks;
            this.totals = new SampleTotals(kept.size());
            this.reports = sinks.reportPrefix() == null ? null
                    : new QcReportWriter(sinks.reportPrefix(), sinks.inbreeding());
            GenotypeWriter w = null;
            try {
                w = sinks.writerFactory() == null ? null : sinks.writerFactory().apply(kept);
            } catch (RuntimeException e) {
                if (reports != null) {
                    reports.close();
                }
                throw e;
            }
            this.writer = w;
        }

        void setCounts(SampleCounter counts) {
            counts.into(totals);
        }

        void accept(QcKernel.BlockQc r) {
            VariantBlock block = r.block();
            int nv = block.variantCount();
            boolean allKept = true;
            for (int i = 0; i < nv; i++) {
                read++;
                VariantStats s = r.stats()[i];
                if (!r.kept()[i]) {
                    allKept = false;
                    countRemoval(s);
                    continue;
                }
                keptVariants++;
                coding.add(s.homRef(), s.het(), s.homAlt());
                Variant v = block.variant(i);
                unknownPosition += v.hasPosition() ? 0 : 1;
                monomorphic += s.isPolymorphic() ? 0 : 1;
                hweLow += s.hweP() < 1e-6 ? 1 : 0;
            }
            if (reports != null) {
                reports.add(r.lines());
            }
            totals.add(r.samples());
            if (writer != null) {
                VariantBlock out = allKept ? block : block.selectVariants(r.kept(), keptIndex);
                if (out.variantCount() > 0) {
                    writer.write(out);
                }
            }
            keptIndex = keptVariants;
            sinks.progress().update(read);
        }

        private void countRemoval(VariantStats s) {
            if (!Double.isNaN(thresholds.geno()) && s.missingRate() > thresholds.geno()) {
                geno++;
            } else if (!Double.isNaN(thresholds.hwe()) && s.hweP() < thresholds.hwe()) {
                hwe++;
            } else {
                maf++;
            }
        }

        /** Zero variants left would give tables of NaN (plink2 stops too). */
        void requireVariants(QcRequest request) {
            if (read == 0) {
                throw InputException.usage(request.extract() != null || request.exclude() != null
                        ? "no variants left after --extract/--exclude (check that the lists name variant IDs of "
                        + "the input)" : request.input() + ": holds no variants");
            }
            if (keptVariants == 0) {
                throw InputException.usage("no variants left after the --geno/--hwe/--maf filters (" + read
                        + " read); loosen them");
            }
        }

        List<Path> commit() {
            List<Path> out = new ArrayList<>();
            if (writer != null) {
                out.addAll(writer.commit());
            }
            if (reports != null) {
                out.addAll(reports.commit(kept.samples(), totals));
            }
            return out;
        }

        QcSummary summary(int samplesRead, int removedMind, int founders, List<Path> outputs, List<String> notes) {
            if (writer != null) {
                notes.addAll(writer.notes());
            }
            long calls = keptVariants * kept.size();
            long missing = 0;
            double het = 0;
            int hetSamples = 0;
            for (int i = 0; i < kept.size(); i++) {
                missing += totals.missing(i);
                double h = totals.heterozygosity(i);
                if (!Double.isNaN(h)) {
                    het += h;
                    hetSamples++;
                }
            }
            double callRate = calls == 0 ? Double.NaN : 1 - (double) missing / calls;
            return new QcSummary(samplesRead, kept.size(), removedMind, founders, read, keptVariants, geno, hwe, maf,
                    unknownPosition, monomorphic, hweLow, callRate, hetSamples == 0 ? Double.NaN : het / hetSamples,
                    outputs, notes);
        }

        @Override
        public void close() {
            if (reports != null) {
                reports.close();
            }
            if (writer != null) {
                writer.close();
            }
        }
    }
}
