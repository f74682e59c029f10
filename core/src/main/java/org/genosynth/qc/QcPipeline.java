package org.genosynth.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads a cohort once (twice with --mind), applies sample and variant filters ({@link CohortFilter}, {@link QcKernel}),
 * and feeds the kept data to QC reports and/or a genotype writer. Order of operations: keep/remove and extract/exclude; --mind over the selected variants;
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
            Predicate<Variant> variantKeep = CohortFilter.variantPredicate(request);
            CohortFilter.Samples chosen = CohortFilter.selectSamples(request, sheet, variantKeep, backend, notes);
            int[] selected = chosen.selected();
            int removedMind = chosen.removedByMind();
            SampleSheet kept = sheet.select(selected);
            sinks.progress().start("variants", reader.variantCountHint());
            long[] founderMask = CohortFilter.founderMask(request, sheet, kept);
            int founders = founderMask == null ? kept.size() : CohortFilter.countBits(founderMask);
            SexMasks sexes = SexMasks.of(kept, founderMask);
            QcKernel kernel = new QcKernel(kept.size(), founderMask, request.thresholds(),
                    sinks.reportPrefix() != null && sinks.inbreeding(), sinks.reportPrefix() != null, sexes);
            Collector collector = new Collector(kept, request.thresholds(), sinks);
            try {
                List<SampleCounter> counters = backend.mapOrdered(new BlockStream(reader, selected, variantKeep),
                        kernel, collector::accept);
                collector.setCounts(CohortFilter.combine(counters, kernel), sexes);
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

        void setCounts(SampleCounter counts, SexMasks sexes) {
            counts.into(totals);
            totals.setSexes(sexes);
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
            switch (thresholds.failedFilter(s)) {
                case "geno" -> geno++;
                case "hwe" -> hwe++;
                default -> maf++;
            }
        }

        void requireVariants(QcRequest request) {
            CohortFilter.requireVariants(request, read, keptVariants);
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
            if (reports != null) {
                notes.addAll(reports.notes());
            }
            long calls = 0;
            long missing = 0;
            double het = 0;
            int hetSamples = 0;
            for (int i = 0; i < kept.size(); i++) {
                missing += totals.missing(i);
                calls += totals.observed(i);
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
