package org.genosynth.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.convert.Conversion;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.WriteOptions;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.io.table.PhenotypeWriter;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;
import org.genosynth.qc.QcRequest;

/**
 * A reproducible random split of a cohort's samples into a training and a holdout set, each written in the input's
 * format ({@code PREFIX.train.*}, {@code PREFIX.holdout.*}), with their ID lists and, when given, the phenotype table
 * split the same way. The same input, fraction and seed give the same split on any machine.
 */
public final class TrainHoldoutSplit {
    private TrainHoldoutSplit() {
    }

    /**
     * @param input    genotypes
     * @param read     how to read them
     * @param fraction share of samples in the training set, in (0, 1)
     * @param seed     random seed
     * @param prefix   output prefix
     * @param pheno    phenotype table to split alongside, or null
     */
    public record Request(Path input, ReadOptions read, double fraction, long seed, String prefix, Path pheno) {
        public Request {
            if (!(fraction > 0 && fraction < 1)) {
                throw InputException.usage("--fraction must be between 0 and 1 (exclusive), got " + fraction);
            }
            read = read == null ? ReadOptions.defaults() : read;
        }
    }

    /** What was written. */
    public record Result(int trainCount, int holdoutCount, List<Path> outputs, List<String> notes) {
        /** A short report. */
        public String render() {
            StringBuilder sb = new StringBuilder(String.format("train %,d samples, holdout %,d samples",
                    trainCount, holdoutCount));
            notes.forEach(n -> sb.append("\nnote: ").append(n));
            outputs.forEach(p -> sb.append("\nwrote ").append(p));
            return sb.toString();
        }
    }

    /** Splits and writes. */
    public static Result run(Request request) {
        GenotypeFormat format = request.read().format() != null ? request.read().format()
                : GenotypeFormat.detectOrFail(request.input());
        List<Sample> samples;
        try (GenotypeReader reader = GenotypeSource.of(request.input(), request.read()).open()) {
            samples = reader.sampleSheet().samples();
        }
        boolean[] train = assign(samples.size(), request.fraction(), request.seed());
        int trainCount = 0;
        for (boolean t : train) {
            trainCount += t ? 1 : 0;
        }
        if (trainCount == 0 || trainCount == samples.size()) {
            throw InputException.usage("a fraction of " + request.fraction() + " of " + samples.size()
                    + " samples leaves one set empty");
        }
        // read once, before any output: rows for samples not in the cohort are ignored with a note, as plink2 does
        // a table with sample IDs is copied row by row (its text columns too); a GEMMA-style one is parsed and
        // written with IDs
        PhenotypeReader.RawRows raw = request.pheno() == null ? null
                : PhenotypeReader.readRows(request.pheno(), samples);
        PhenotypeTable table = request.pheno() == null || raw != null ? null
                : PhenotypeReader.read(request.pheno(), samples);
        List<Path> outputs = new ArrayList<>();
        outputs.addAll(writeSet(request, format, samples, train, true, table, raw));
        outputs.addAll(writeSet(request, format, samples, train, false, table, raw));
        return new Result(trainCount, samples.size() - trainCount, outputs, raw != null ? raw.notes()
                : table == null ? List.of() : table.notes());
    }

    /**
     * Exactly {@code round(fraction * n)} training samples chosen by a seeded Fisher–Yates shuffle
     * ({@link SplittableRandom}, whose sequence is fixed by the seed across JVMs).
     */
    public static boolean[] assign(int n, double fraction, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] train = new boolean[n];
        long trainCount = Math.round(fraction * n);
        for (int k = 0; k < trainCount; k++) {
            train[order[k]] = true;
        }
        return train;
    }

    private static List<Path> writeSet(Request request, GenotypeFormat format, List<Sample> samples,
                                       boolean[] train, boolean wantTrain, PhenotypeTable table,
                                       PhenotypeReader.RawRows raw) {
        String set = request.prefix() + (wantTrain ? ".train" : ".holdout");
        List<Sample> members = new ArrayList<>();
        int[] rows = new int[samples.size()];
        int k = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (train[i] == wantTrain) {
                members.add(samples.get(i));
                rows[k++] = i;
            }
        }
        Path ids = Path.of(set + ".ids");
        writeIds(ids, members);
        List<Path> outputs = new ArrayList<>(Conversion.run(new QcRequest(request.input(), request.read(), ids, null,
                null, null, null, false, 0), outputPath(set, format), format, WriteOptions.defaults(),
                ProgressListener.NONE).outputs());
        outputs.add(ids);
        if (raw != null) {
            Path out = Path.of(set + ".pheno.tsv");
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                if (raw.rows()[rows[r]] != null) {
                    lines.add(raw.rows()[rows[r]]);
                }
            }
            PhenotypeWriter.writeRows(out, raw.header(), lines);
            outputs.add(out);
        } else if (table != null) {
            Path out = Path.of(set + ".pheno.tsv");
            PhenotypeWriter.write(out, members, table.selectRows(Arrays.copyOf(rows, k)));
            outputs.add(out);
        }
        return outputs;
    }

    private static Path outputPath(String set, GenotypeFormat format) {
        return switch (format) {
            case VCF -> Path.of(set + ".vcf.gz");
            case BCF -> Path.of(set + ".bcf");
            case BED, BIMBAM -> Path.of(set);
        };
    }

    /** {@code FID IID} lines (a plink --keep list), written atomically. */
    private static void writeIds(Path file, List<Sample> members) {
        StringBuilder sb = new StringBuilder();
        sb.append("#FID\tIID\n");
        for (Sample s : members) {
            sb.append(s.familyId()).append('\t').append(s.id()).append('\n');
        }
        try (AtomicOutput out = new AtomicOutput()) {
            Files.writeString(out.temp(file), sb, StandardCharsets.UTF_8);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
