// bench/qc_floor.sh compiles this file against genosynth's jar and runs it (a measurement, not part of genosynth).
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.genosynth.qc.HardyWeinberg;
import org.genosynth.util.ByteText;

/**
 * The least a Java program does for {@code plink2 --freq --missing --hardy} on a plain autosomal .bed whose samples
 * are all founders with no sex: the .fam and .bim split from bytes, the .bed memory-mapped in two halves, each
 * half's genotypes counted by popcount (and each sample's missing calls), its Hardy–Weinberg exact tests run and its
 * table lines formatted on one of two threads (genosynth's own {@link HardyWeinberg} and {@link ByteText}), then the
 * four tables written. No command-line parsing, filters, sample sheet, variant objects, sex chromosomes, atomic
 * outputs or checks of the input: a floor for what a JVM needs for this work from a cold start, to set beside plink2
 * and {@code genosynth qc} (bench/qc_floor.sh). Its .afreq, .vmiss and .hardy equal genosynth qc's on plink2 --dummy
 * cohorts (the script compares them).
 *
 * <p>{@code -Dlean.hwe=false} skips the HWE tests (P printed as 1), {@code -Dlean.tables=false} the table lines:
 * what each costs from a cold start.
 *
 * <p>usage: {@code java -cp genosynth.jar:DIR LeanQc PREFIX OUT}
 */
public final class LeanQc {
    private static final long LOW = 0x5555_5555_5555_5555L;
    private static final boolean HWE = !"false".equals(System.getProperty("lean.hwe"));
    private static final boolean TABLES = !"false".equals(System.getProperty("lean.tables"));
    private static final int THREADS = 2;
    private static final int DIGITS = 8;

    private LeanQc() {
    }

    public static void main(String[] args) throws Exception {
        String in = args[0];
        String out = args[1];
        byte[] fam = Files.readAllBytes(Path.of(in + ".fam"));
        int n = lines(fam);
        int[] famStart = new int[n + 1];
        int[] famTab = new int[2 * n];
        fields(fam, famStart, famTab, 2);
        byte[] bim = Files.readAllBytes(Path.of(in + ".bim"));
        int m = lines(bim);
        int[] bimStart = new int[m + 1];
        int[] bimTab = new int[5 * m];
        fields(bim, bimStart, bimTab, 5);
        int bytesPer = (n + 3) / 4;
        if (bytesPer % 8 != 0) {
            throw new IllegalArgumentException("this floor measurement needs a sample count divisible by 32");
        }
        int words = bytesPer / 8;
        int[][] missingPerSample = new int[THREADS][n];
        ByteText[][] tables = new ByteText[THREADS][];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (FileChannel channel = FileChannel.open(Path.of(in + ".bed"))) {
            Future<?>[] parts = new Future<?>[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int part = t;
                int v0 = (int) ((long) m * t / THREADS);
                int v1 = (int) ((long) m * (t + 1) / THREADS);
                MappedByteBuffer bed = channel.map(FileChannel.MapMode.READ_ONLY, 3 + (long) v0 * bytesPer,
                        (long) (v1 - v0) * bytesPer);
                bed.order(ByteOrder.LITTLE_ENDIAN);
                parts[t] = pool.submit(() -> {
                    tables[part] = count(bed, v0, v1, n, words, bytesPer, bim, bimStart, bimTab,
                            missingPerSample[part]);
                    return null;
                });
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        String[] headers = {"#CHROM\tPOS\tID\tREF\tALT\tALT_FREQS\tOBS_CT\n", "#CHROM\tPOS\tID\tMISSING_CT\tOBS_CT\tF_MISS\n",
            "#CHROM\tPOS\tID\tA1\tAX\tHOM_A1_CT\tHET_A1_CT\tTWO_AX_CT\tO(HET_A1)\tE(HET_A1)\tP\n"};
        String[] suffixes = {".afreq", ".vmiss", ".hardy"};
        for (int k = 0; k < 3; k++) {
            try (OutputStream o = new FileOutputStream(out + suffixes[k])) {
                o.write(headers[k].getBytes(StandardCharsets.US_ASCII));
                for (int t = 0; t < THREADS; t++) {
                    tables[t][k].writeTo(o);
                }
            }
        }
        ByteText smiss = new ByteText(1 << 20).append("#FID\tIID\tMISSING_CT\tOBS_CT\tF_MISS\n");
        for (int s = 0; s < n; s++) {
            int missing = 0;
            for (int[] part : missingPerSample) {
                missing += part[s];
            }
            field(smiss, fam, famStart[s], famTab[2 * s]).append('\t');
            field(smiss, fam, famTab[2 * s] + 1, famTab[2 * s + 1]).append('\t').append(missing).append('\t')
                    .append(m).append('\t').appendSignificant(missing / (double) m, DIGITS).append('\n');
        }
        try (OutputStream o = new FileOutputStream(out + ".smiss")) {
            smiss.writeTo(o);
        }
    }

    /** One half's counts, tests and table lines (.afreq, .vmiss, .hardy). */
    private static ByteText[] count(MappedByteBuffer bed, int v0, int v1, int n, int words, int bytesPer, byte[] bim,
                                    int[] start, int[] tab, int[] missingPerSample) {
        ByteText freq = new ByteText(1 << 22);
        ByteText miss = new ByteText(1 << 22);
        ByteText hardy = new ByteText(1 << 22);
        for (int v = v0; v < v1; v++) {
            int offset = (v - v0) * bytesPer;
            int missing = 0;
            int het = 0;
            int homA2 = 0;
            for (int w = 0; w < words; w++) {
                long x = bed.getLong(offset + 8 * w);
                long lo = x & LOW;
                long hi = (x >>> 1) & LOW;
                long missMask = lo & ~hi;
                missing += Long.bitCount(missMask);
                het += Long.bitCount(hi & ~lo);
                homA2 += Long.bitCount(hi & lo);
                while (missMask != 0) {
                    missingPerSample[(w << 5) + (Long.numberOfTrailingZeros(missMask) >>> 1)]++;
                    missMask &= missMask - 1;
                }
            }
            int homA1 = n - missing - het - homA2;
            double p = HWE ? HardyWeinberg.exactP(het, homA1, homA2) : 1;
            if (!TABLES) {
                freq.append(Double.doubleToLongBits(p));
                continue;
            }
            int observed = n - missing;
            double altFreq = (2.0 * homA1 + het) / (2.0 * observed);   // ALT is the .bim's A1
            int chrom = start[v];
            int id = tab[5 * v];
            int pos = tab[5 * v + 2];
            int a1 = tab[5 * v + 3];
            int a2 = tab[5 * v + 4];
            int end = start[v + 1] - 1;
            locus(freq, bim, chrom, id, pos, a1);
            field(freq, bim, a2 + 1, end).append('\t');
            field(freq, bim, a1 + 1, a2).append('\t').appendSignificant(altFreq, DIGITS).append('\t')
                    .append(2L * observed).append('\n');
            locus(miss, bim, chrom, id, pos, a1).append(missing).append('\t').append(n).append('\t')
                    .appendSignificant(missing / (double) n, DIGITS).append('\n');
            locus(hardy, bim, chrom, id, pos, a1);
            field(hardy, bim, a2 + 1, end).append('\t');
            field(hardy, bim, a1 + 1, a2).append('\t').append(homA2).append('\t').append(het).append('\t')
                    .append(homA1).append('\t').appendSignificant(het / (double) observed, DIGITS).append('\t')
                    .appendSignificant(2 * altFreq * (1 - altFreq), DIGITS).append('\t')
                    .appendSignificant(p, DIGITS).append('\n');
        }
        return new ByteText[] {freq, miss, hardy};
    }

    /** CHROM, POS (NA for 0) and ID, each followed by a tab. */
    private static ByteText locus(ByteText out, byte[] bim, int chrom, int id, int pos, int a1) {
        field(out, bim, chrom, id).append('\t');
        if (a1 - pos == 2 && bim[pos + 1] == '0') {
            out.append("NA");
        } else {
            field(out, bim, pos + 1, a1);
        }
        out.append('\t');
        return field(out, bim, id + 1, tab(bim, id + 1)).append('\t');
    }

    private static int tab(byte[] bytes, int from) {
        int i = from;
        while (bytes[i] != '\t') {
            i++;
        }
        return i;
    }

    /** Appends {@code bytes[from, to)} (ASCII), through a string: ByteText's string path is its compiled one. */
    private static ByteText field(ByteText out, byte[] bytes, int from, int to) {
        return out.append(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    private static int lines(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            count += b == '\n' ? 1 : 0;
        }
        return count;
    }

    /** Line starts, and the offsets of each line's first {@code per} separators (tab or space). */
    private static void fields(byte[] bytes, int[] start, int[] sep, int per) {
        int line = 0;
        int k = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                start[++line] = i + 1;
                k = 0;
            } else if ((b == '\t' || b == ' ') && k < per) {
                sep[line * per + k++] = i;
            }
        }
    }
}
