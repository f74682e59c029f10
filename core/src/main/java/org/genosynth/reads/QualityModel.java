package org.genosynth.reads;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;

/**
 * A position-specific base-quality model: for read 1 and read 2, per sequencing cycle, the distribution of Phred
 * qualities (0..{@value #MAX_Q}). A simulated base gets a quality drawn from its cycle's distribution and is a
 * sequencing error with probability {@code 10^(-Q/10)} (a substitution to one of the three other bases).
 *
 * <p>The default is parametric, shaped like published Illumina HiSeq 2500 profiles: mean quality ~36 early, falling
 * quadratically towards the 3' end (read 2 lower than read 1), with a small share of Q2 bases that grows along the
 * read. A model learned from real reads ({@link ModelLearner}) is stored as text: {@code READ CYCLE QUALITY COUNT}.
 * When the simulated read length differs from the model's cycles, cycles are stretched proportionally.
 */
public final class QualityModel {
    public static final int MAX_Q = 41;
    /** counts[read][cycle][q]. */
    private final long[][][] counts;

    QualityModel(long[][][] counts) {
        this.counts = counts;
    }

    /** The built-in model for reads of {@code cycles} bases. */
    public static QualityModel defaultModel(int cycles) {
        long[][][] c = new long[2][cycles][MAX_Q + 1];
        for (int read = 0; read < 2; read++) {
            for (int i = 0; i < cycles; i++) {
                double x = cycles == 1 ? 0 : (double) i / (cycles - 1);
                double mean = (read == 0 ? 37.0 - 6.0 * x * x : 36.0 - 8.0 * x * x) - (i < 3 ? 2.0 - i * 0.6 : 0);
                double sd = 2.0 + 3.0 * x;
                double low = 0.001 + 0.006 * x * x;
                double total = 0;
                double[] w = new double[MAX_Q + 1];
                for (int q = 3; q <= MAX_Q; q++) {
                    double z = (q - mean) / sd;
                    w[q] = Math.exp(-0.5 * z * z);
                    total += w[q];
                }
                for (int q = 3; q <= MAX_Q; q++) {
                    c[read][i][q] = Math.round(1_000_000 * (1 - low) * w[q] / total);
                }
                c[read][i][2] = Math.round(1_000_000 * low);
            }
        }
        return new QualityModel(c);
    }

    /** Reads a model file written by {@link #write}. */
    public static QualityModel read(Path file) {
        java.util.Map<Integer, long[]>[] byCycle = newMaps();
        int maxCycle = 0;
        try (BufferedReader r = TextInput.openReader(file)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isBlank() || line.startsWith("READ")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new InputException(file, n, null, "expected READ CYCLE QUALITY COUNT");
                }
                int read = integer(file, n, "READ", f[0]);
                int cycle = integer(file, n, "CYCLE", f[1]);
                int q = integer(file, n, "QUALITY", f[2]);
                long count = integer(file, n, "COUNT", f[3]);
                if (read < 1 || read > 2 || cycle < 1 || q < 0 || q > 93 || count < 0) {
                    throw new InputException(file, n, null, "READ must be 1 or 2, CYCLE >= 1, QUALITY 0..93");
                }
                byCycle[read - 1].computeIfAbsent(cycle, k -> new long[MAX_Q + 1])[Math.min(q, MAX_Q)] += count;
                maxCycle = Math.max(maxCycle, cycle);
            }
        } catch (IOException e) {
            throw TextInput.readFailure(file, e);
        }
        if (maxCycle == 0) {
            throw InputException.inFile(file, "no quality counts in the model");
        }
        long[][][] c = new long[2][maxCycle][];
        for (int read = 0; read < 2; read++) {
            java.util.Map<Integer, long[]> m = byCycle[read].isEmpty() ? byCycle[0] : byCycle[read];
            if (m.isEmpty()) {
                m = byCycle[1];
            }
            long[] last = null;
            for (int i = 0; i < maxCycle; i++) {
                long[] v = m.get(i + 1);
                if (v == null) {
                    v = last;
                }
                if (v == null) {
                    throw InputException.inFile(file, "read " + (read + 1) + " has no counts for cycle " + (i + 1));
                }
                c[read][i] = v;
                last = v;
            }
        }
        return new QualityModel(c);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<Integer, long[]>[] newMaps() {
        return new java.util.Map[] {new java.util.TreeMap<Integer, long[]>(), new java.util.TreeMap<Integer, long[]>()};
    }

    private static int integer(Path file, long n, String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InputException(file, n, field, "'" + text + "' is not an integer");
        }
    }

    /** Writes the model as text. */
    public void write(Path file) {
        try (AtomicOutput atomic = new AtomicOutput()) {
            try (BufferedWriter w = Files.newBufferedWriter(atomic.temp(file), StandardCharsets.UTF_8)) {
                w.write("#genosynth quality model v1: per read and cycle, how many bases had each Phred quality\n");
                w.write("READ\tCYCLE\tQUALITY\tCOUNT\n");
                for (int read = 0; read < 2; read++) {
                    for (int i = 0; i < counts[read].length; i++) {
                        for (int q = 0; q <= MAX_Q; q++) {
                            if (counts[read][i][q] > 0) {
                                w.write((read + 1) + "\t" + (i + 1) + "\t" + q + "\t" + counts[read][i][q] + "\n");
                            }
                        }
                    }
                }
            }
            atomic.commit();
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot write (" + e.getMessage() + ")");
        }
    }

    public int cycles() {
        return counts[0].length;
    }

    /** Mean quality of read {@code read} (0/1) at cycle {@code cycle} (0-based). */
    public double meanQuality(int read, int cycle) {
        long[] c = counts[read][cycle];
        double s = 0;
        double n = 0;
        for (int q = 0; q <= MAX_Q; q++) {
            s += (double) q * c[q];
            n += c[q];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Expected error rate over both reads for reads of the model's length. */
    public double expectedErrorRate() {
        double e = 0;
        double n = 0;
        for (long[][] read : counts) {
            for (long[] c : read) {
                for (int q = 0; q <= MAX_Q; q++) {
                    e += c[q] * Math.pow(10, -q / 10.0);
                    n += c[q];
                }
            }
        }
        return e / n;
    }

    /** Quality look-up tables for sampling: table[read][cycle * SLOTS + u] for a uniform u in [0, SLOTS). */
    static final int SLOT_BITS = 10;
    static final int SLOTS = 1 << SLOT_BITS;

    byte[][] samplingTables(int readLength) {
        byte[][] t = new byte[2][readLength * SLOTS];
        for (int read = 0; read < 2; read++) {
            for (int i = 0; i < readLength; i++) {
                int mc = (int) Math.min(cycles() - 1, (long) i * cycles() / readLength);
                long[] c = counts[read][mc];
                long total = 0;
                for (long v : c) {
                    total += v;
                }
                if (total == 0) {
                    java.util.Arrays.fill(t[read], i * SLOTS, (i + 1) * SLOTS, (byte) 30);
                    continue;
                }
                long cum = 0;
                int q = 0;
                for (int u = 0; u < SLOTS; u++) {
                    double target = (u + 0.5) / SLOTS * total;
                    while (q < MAX_Q && cum + c[q] <= target) {
                        cum += c[q];
                        q++;
                    }
                    t[read][i * SLOTS + u] = (byte) q;
                }
            }
        }
        return t;
    }

    /** Error thresholds per quality: a base errs when a uniform 32-bit draw is below {@code 10^(-Q/10) * 2^32}. */
    static long[] errorThresholds() {
        long[] th = new long[MAX_Q + 1];
        for (int q = 0; q <= MAX_Q; q++) {
            double p = q < 2 ? 0.75 : Math.pow(10, -q / 10.0);
            th[q] = (long) (Math.min(0.75, p) * 4294967296.0);
        }
        return th;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d cycles, mean Q read1 %.1f..%.1f, read2 %.1f..%.1f", cycles(),
                meanQuality(0, 0), meanQuality(0, cycles() - 1), meanQuality(1, 0), meanQuality(1, cycles() - 1));
    }
}
