package org.genosynth.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.SortingWriter;
import org.genosynth.io.WriteOptions;
import org.genosynth.io.table.PhenotypeWriter;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.qc.QcPipeline;
import org.genosynth.qc.QcRequest;
import org.genosynth.qc.QcSummary;

/**
 * Converts a genotype input to another format through the QC pipeline (so every filter applies), sorting in memory
 * when the output needs position order and the input is not sorted. Per-sample columns that the output format cannot
 * hold (VCF/BCF: the phenotypes of a .fam) are written to a PLINK-style table only when one is asked for
 * ({@code convert --pheno-out}); otherwise a note says they were not written. Asking for that table with another
 * output format, or from an input without per-sample columns, is a user error (it would write nothing).
 */
public final class Conversion {
    private Conversion() {
    }

    /** Runs the conversion; per-sample columns a VCF/BCF cannot hold are not written. */
    public static QcSummary run(QcRequest request, Path out, GenotypeFormat format, WriteOptions options,
                                ProgressListener progress) {
        return run(request, out, format, options, null, progress);
    }

    /**
     * Runs the conversion, writing the per-sample columns a VCF/BCF output cannot hold to {@code phenoOut} (null: not
     * written).
     */
    public static QcSummary run(QcRequest request, Path out, GenotypeFormat format, WriteOptions options,
                                Path phenoOut, ProgressListener progress) {
        try (org.genosynth.exec.ExecutionContext context = org.genosynth.exec.ExecutionContext.local(request.threads(),
                progress)) {
            return run(request, out, format, options, phenoOut, context);
        }
    }

    /** As above, on {@code context}'s backend, reporting to its progress listener. */
    public static QcSummary run(QcRequest request, Path out, GenotypeFormat format, WriteOptions options,
                                Path phenoOut, org.genosynth.exec.ExecutionContext context) {
        boolean positional = format == GenotypeFormat.VCF || format == GenotypeFormat.BCF;
        if (phenoOut != null && !positional) {
            throw InputException.usage("--pheno-out is for VCF/BCF output, which cannot hold per-sample columns; a "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " output keeps them in its .fam");
        }
        boolean sort = positional && needsSorting(request);
        return QcPipeline.run(request, new QcPipeline.Sinks(null, samples -> {
            if (phenoOut != null && samples.columns().columnCount() == 0) {
                // nothing to write: said, not skipped silently
                throw InputException.inFile(request.input(), "has no per-sample columns (such as phenotypes in a "
                        + ".fam's 6th column on) for --pheno-out " + phenoOut + " to hold; leave --pheno-out out");
            }
            GenotypeWriter w = GenotypeFiles.create(out, format, samples, options);
            if (sort) {
                w = new SortingWriter(w);
            } else if (positional) {
                // a VCF/BCF input is written in its own order: when that is not sorted, say which input and where
                w = new InputOrder(w, request.input());
            }
            return positional && phenoOut != null && samples.columns().columnCount() > 0
                    ? new ColumnsSidecar(w, phenoOut, samples) : w;
        }, context.progress()), context);
    }

    private static boolean needsSorting(QcRequest request) {
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            List<Variant> variants = reader.variantsUpFront().orElse(null);
            if (variants == null) {
                // VCF/BCF inputs are position-sorted by convention; other formats give no guarantee
                GenotypeFormat in = request.read().format() != null ? request.read().format()
                        : GenotypeFormat.detectOrFail(request.input());
                return in != GenotypeFormat.VCF && in != GenotypeFormat.BCF;
            }
            return !SortingWriter.isSorted(variants);
        }
    }

    /**
     * Refuses, naming the input file and the variant, a VCF/BCF input that is not sorted (each chromosome in one run,
     * positions non-decreasing within it; unknown positions ignored), before the block reaches the VCF writer, whose
     * own check could only name the variant.
     */
    private static final class InputOrder implements GenotypeWriter {
        private final GenotypeWriter inner;
        private final Path input;
        private final java.util.Set<String> done = new java.util.HashSet<>();
        private String chrom;
        private long last;

        InputOrder(GenotypeWriter inner, Path input) {
            this.inner = inner;
            this.input = input;
        }

        @Override
        public void write(VariantBlock block) {
            for (Variant v : block.variants()) {
                if (!v.hasPosition()) {
                    continue;
                }
                if (!v.chrom().equals(chrom)) {
                    if (done.contains(v.chrom())) {
                        throw unsorted(v.describe() + " returns to chromosome " + v.chrom() + " after " + chrom);
                    }
                    if (chrom != null) {
                        done.add(chrom);
                    }
                    chrom = v.chrom();
                } else if (v.position() < last) {
                    throw unsorted(v.describe() + " comes after " + chrom + ":" + last);
                }
                last = v.position();
            }
            inner.write(block);
        }

        private InputException unsorted(String detail) {
            return InputException.inFile(input, "variant " + detail + ": the input is not sorted by position, "
                    + "and VCF output must be; sort it first (bcftools sort) and retry");
        }

        @Override
        public List<Path> commit() {
            return inner.commit();
        }

        @Override
        public long variantsWritten() {
            return inner.variantsWritten();
        }

        @Override
        public List<String> notes() {
            return inner.notes();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Writes the sample columns as a PLINK-style table when the genotype writer commits. */
    private static final class ColumnsSidecar implements GenotypeWriter {
        private final GenotypeWriter inner;
        private final Path sidecar;
        private final SampleSheet samples;

        ColumnsSidecar(GenotypeWriter inner, Path sidecar, SampleSheet samples) {
            this.inner = inner;
            this.sidecar = sidecar;
            this.samples = samples;
        }

        @Override
        public void write(VariantBlock block) {
            inner.write(block);
        }

        @Override
        public List<Path> commit() {
            PhenotypeWriter.write(sidecar, samples.samples(), samples.columns());
            List<Path> paths = new ArrayList<>(inner.commit());
            paths.add(sidecar);
            return paths;
        }

        @Override
        public long variantsWritten() {
            return inner.variantsWritten();
        }

        @Override
        public List<String> notes() {
            List<String> notes = new ArrayList<>();
            for (String n : inner.notes()) {
                if (!n.contains("sample column")) {
                    notes.add(n);
                }
            }
            notes.add("the " + samples.columns().columnCount() + " per-sample column(s) of the input ("
                    + String.join(", ", samples.columns().names()) + ") went to " + sidecar);
            return notes;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
