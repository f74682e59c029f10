package org.genosynth.assoc.kinship;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.util.Numbers;

/** {@code genosynth kinship}: the KING-robust table ({@code OUT.kin0}) and optionally the GRM ({@code OUT.rel}). */
public final class Kinship {
    private Kinship() {
    }

    /**
     * What to compute.
     *
     * @param input      the cohort
     * @param outPrefix  output prefix
     * @param minKinship write only pairs with kinship {@code >= minKinship} (NaN: all pairs)
     * @param grm        also write the standardized GRM as {@code OUT.rel} + {@code OUT.rel.id}
     */
    public record Request(StructureInput input, String outPrefix, double minKinship, boolean grm) {
    }

    /** What was written. */
    public record Summary(int samples, int variants, long pairs, long pairsWritten, List<Path> outputs,
                          String codingNote, String autosomesNote) {
        /** A short report for the terminal. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(samples).append(" samples, ").append(variants).append(" variants; ")
                    .append(pairsWritten).append(" of ").append(pairs).append(" pairs written\n");
            if (codingNote != null) {
                sb.append("note: ").append(codingNote).append('\n');
            }
            if (autosomesNote != null) {
                sb.append("note: ").append(autosomesNote).append('\n');
            }
            for (Path p : outputs) {
                sb.append("  ").append(p).append('\n');
            }
            return sb.toString();
        }
    }

    /** Loads the input and writes the outputs on a thread pool of the input's {@code threads} workers. */
    public static Summary run(Request request) {
        try (ExecutionContext context = ExecutionContext.local(request.input().threads())) {
            return run(request, context);
        }
    }

    /** Loads the input and writes the outputs, the pair table's row blocks on {@code context}'s backend. */
    public static Summary run(Request request, ExecutionContext context) {
        GenotypeMatrix loaded = request.input().load();
        GenotypeMatrix m = request.input().autosomesOf(loaded, "KING-robust kinship");
        if (m.sampleCount() < 2) {
            throw InputException.usage("kinship needs at least 2 samples, " + request.input().input() + " has "
                    + m.sampleCount());
        }
        request.input().requirePolymorphic(m, "kinship");
        Backend backend = context.backend();
        org.genosynth.eval.Coding coding = org.genosynth.eval.Coding.of(m);
        // inbred lines (0/2, or 0/1 read with --coding strain) have no heterozygotes for KING-robust to divide by
        boolean inbred = coding.label().equals(org.genosynth.eval.Coding.INBRED);
        try (AtomicOutput out = new AtomicOutput()) {
            List<Path> outputs = new ArrayList<>();
            Path kin0 = Path.of(request.outPrefix() + ".kin0");
            SamplePlanes planes = SamplePlanes.of(m, backend);
            KingKinship king = inbred ? KingKinship.forInbredLines(planes, StructureInput.altFrequencies(m))
                    : new KingKinship(planes);
            double min = Double.isNaN(request.minKinship()) ? Double.NEGATIVE_INFINITY : request.minKinship();
            KingKinship.TableSummary t = king.writeTable(m.samples(), out.temp(kin0), min, backend);
            outputs.add(kin0);
            if (request.grm()) {
                Path rel = Path.of(request.outPrefix() + ".rel");
                Path relId = Path.of(request.outPrefix() + ".rel.id");
                writeSquare(Grm.compute(Standardized.of(m)), m.sampleCount(), out.temp(rel));
                writeIds(m.samples(), out.temp(relId));
                outputs.add(rel);
                outputs.add(relId);
            }
            out.commit();
            return new Summary(m.sampleCount(), m.variantCount(), t.pairs(), t.written(), outputs,
                    inbred ? inbredNote(coding) : coding.commandNote(),
                    StructureInput.nonAutosomesNote(loaded.variantCount() - m.variantCount()));
        }
    }

    /** What the table holds for inbred lines, and why. */
    static String inbredNote(org.genosynth.eval.Coding coding) {
        return String.format(java.util.Locale.ROOT, "genotype coding looks inbred (%.3f%% of the calls are "
                + "heterozygous: inbred strains coded 0/2, or 0/1 read with --coding strain): KINSHIP is estimated for "
                + "inbred lines on their haploid genotypes, 0.5 x (1 - mismatches / mismatches expected between "
                + "unrelated lines), on KING's scale (duplicates 0.5, unrelated 0), not KING-robust kinship, which "
                + "divides by heterozygote counts", 100 * coding.heterozygosity());
    }

    /** Writes a square column-major symmetric matrix as tab-separated rows, 6 significant digits (plink2 .rel). */
    public static void writeSquare(double[] c, int n, Path path) {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                for (int j = 0; j < n; j++) {
                    if (j > 0) {
                        sb.append('\t');
                    }
                    Numbers.appendSignificant(sb, c[j * n + i], 6);
                }
                sb.append('\n');
                w.append(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code #FID IID} lines (plink2 .rel.id / .eigenvec style IDs). */
    public static void writeIds(SampleSheet samples, Path path) {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("#FID\tIID\n");
            for (Sample s : samples.samples()) {
                w.write(s.familyId() + "\t" + s.id() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
