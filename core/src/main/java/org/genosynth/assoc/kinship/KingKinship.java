package org.genosynth.assoc.kinship;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.util.Numbers;

/**
 * KING-robust kinship for all pairs of samples, as plink2 {@code --make-king-table} computes it. Per pair, over the
 * variants where both are called: {@code NSNP} such variants, {@code HETHET} both heterozygous, {@code IBS0} opposite
 * homozygotes, and the heterozygotes of each sample where the other is homozygous; then
 * {@code KINSHIP = 0.5 - (4 IBS0 + het1hom2 + het2hom1) / (4 (HETHET + min(het1hom2, het2hom1)))} (the KING
 * between-family estimator written over jointly called variants). Counts come from popcounts on {@link SamplePlanes}.
 *
 * <p>Rows are ordered like plink2's: for each sample {@code i >= 1} (ID1) the samples {@code j < i} (ID2) in input
 * order. Work is split into blocks of rows run on the backend and written in order, so output is identical at any
 * thread count.
 */
public final class KingKinship implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Header of the table, plink2's. */
    public static final String HEADER = "#FID1\tIID1\tFID2\tIID2\tNSNP\tHETHET\tIBS0\tKINSHIP";
    private static final int ROW_BLOCK = 32;
    private static final int COL_BLOCK = 64;
    private static final int WORD_CHUNK = 64;

    private final SamplePlanes planes;

    public KingKinship(SamplePlanes planes) {
        this.planes = planes;
    }

    /** Counts of one pair. */
    public record PairCounts(int nsnp, int hetHet, int ibs0, int het1Hom2, int het2Hom1) {
        /** KING-robust kinship (plink2's formula; -inf when neither sample has a heterozygote in common calls). */
        public double kinship() {
            long smallerHet = (long) hetHet + Math.min(het1Hom2, het2Hom1);
            return 0.5 - (double) (4L * ibs0 + het1Hom2 + het2Hom1) / (double) (4L * smallerHet);
        }
    }

    /** Counts for the pair {@code (i, j)} (a direct, unblocked evaluation). */
    public PairCounts pair(int i, int j) {
        int[] c = new int[5];
        accumulate(i, j, 0, planes.words, c, 0);
        return finish(i, j, c, 0);
    }

    /** Result of writing a table. */
    public record TableSummary(long pairs, long written) {
    }

    /**
     * Writes the table for all pairs with kinship {@code >= minKinship} (NaN or -inf: all pairs, as plink2 without
     * {@code --king-table-filter}).
     */
    public TableSummary writeTable(SampleSheet samples, OutputStream out, double minKinship, Backend backend) {
        int n = planes.sampleCount;
        List<int[]> blocks = new ArrayList<>();
        for (int a = 1; a < n; a += ROW_BLOCK) {
            blocks.add(new int[] {a, Math.min(n, a + ROW_BLOCK)});
        }
        String[] ids = new String[n];
        for (int s = 0; s < n; s++) {
            Sample sample = samples.samples().get(s);
            ids[s] = sample.familyId() + "\t" + sample.id() + "\t";
        }
        long[] written = new long[1];
        try {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            BlockKernel<int[], Chunk> kernel = b -> rowBlock(b[0], b[1], ids, minKinship);
            backend.mapOrdered(blocks.iterator(), kernel, r -> {
                try {
                    out.write(r.text, 0, r.length);
                    written[0] += r.rows;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TableSummary((long) n * (n - 1) / 2, written[0]);
    }

    /** Convenience: writes {@code path} (plain text). */
    public TableSummary writeTable(SampleSheet samples, Path path, double minKinship, Backend backend) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            return writeTable(samples, out, minKinship, backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Chunk(byte[] text, int length, long rows) implements java.io.Serializable {
    }

    private Chunk rowBlock(int a, int b, String[] ids, double minKinship) {
        int rows = b - a;
        int[] counts = new int[rows * b * 5];
        for (int j0 = 0; j0 < b - 1; j0 += COL_BLOCK) {
            int j1 = Math.min(b - 1, j0 + COL_BLOCK);
            for (int w0 = 0; w0 < planes.words; w0 += WORD_CHUNK) {
                int w1 = Math.min(planes.words, w0 + WORD_CHUNK);
                for (int i = a; i < b; i++) {
                    int jEnd = Math.min(i, j1);
                    for (int j = j0; j < jEnd; j++) {
                        accumulate(i, j, w0, w1, counts, ((i - a) * b + j) * 5);
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder(rows * b * 48);
        long written = 0;
        for (int i = a; i < b; i++) {
            for (int j = 0; j < i; j++) {
                PairCounts pc = finish(i, j, counts, ((i - a) * b + j) * 5);
                double k = pc.kinship();
                if (k < minKinship) {
                    continue;
                }
                sb.append(ids[i]).append(ids[j]);
                sb.append(pc.nsnp()).append('\t');
                appendSix(sb, (double) pc.hetHet() / pc.nsnp()).append('\t');
                appendSix(sb, (double) pc.ibs0() / pc.nsnp()).append('\t');
                appendSix(sb, k).append('\n');
                written++;
            }
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        return new Chunk(text, text.length, written);
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};

    /**
     * {@link Numbers#appendSignificant}{@code (sb, v, 6)} without allocation for the common case
     * {@code 1e-4 <= |v| < 1} (the same digits: same scaling and rounding), else delegating to it.
     */
    static StringBuilder appendSix(StringBuilder sb, double v) {
        double a = Math.abs(v);
        if (!(a >= 1e-4 && a < 1)) {
            return Numbers.appendSignificant(sb, v, 6);
        }
        int exp = a >= 0.1 ? -1 : a >= 0.01 ? -2 : a >= 0.001 ? -3 : -4;
        long mantissa = Math.round(a * POW10[5 - exp]);
        if (mantissa >= 1_000_000) {
            exp++;
            if (exp == 0) {
                return Numbers.appendSignificant(sb, v, 6);
            }
            mantissa = Math.round(a * POW10[5 - exp]);
        }
        while (mantissa % 10 == 0) {
            mantissa /= 10;
        }
        if (v < 0) {
            sb.append('-');
        }
        sb.append("0.");
        for (int z = -1; z > exp; z--) {
            sb.append('0');
        }
        return sb.append(mantissa);
    }

    /**
     * Adds the counts over words {@code [w0, w1)} of pair (i, j) to {@code c[at..at+4]}: hethet, ibs0, and when the
     * missingness terms are counted word by word also the variants missing in both (plus the padding bits of the
     * last word), het_i where j is called, het_j where i is called.
     */
    private void accumulate(int i, int j, int w0, int w1, int[] c, int at) {
        long[] bits = planes.bits;
        int bi = 4 * (i * planes.words);
        int bj = 4 * (j * planes.words);
        int hethet = 0;
        int ibs0 = 0;
        if (!denseMissing(i, j)) {
            for (int w = 4 * w0, end = 4 * w1; w < end; w += 4) {
                long hi = bits[bi + w];
                long mi = bits[bi + w + 1];
                long ai = bits[bi + w + 2];
                long hj = bits[bj + w];
                long mj = bits[bj + w + 1];
                long aj = bits[bj + w + 2];
                hethet += Long.bitCount(hi & hj);
                ibs0 += Long.bitCount(mi & mj & (ai ^ aj));
            }
            c[at] += hethet;
            c[at + 1] += ibs0;
            return;
        }
        int both = 0;
        int hetI = 0;
        int hetJ = 0;
        for (int w = 4 * w0, end = 4 * w1; w < end; w += 4) {
            long hi = bits[bi + w];
            long mi = bits[bi + w + 1];
            long ai = bits[bi + w + 2];
            long ni = bits[bi + w + 3];
            long hj = bits[bj + w];
            long mj = bits[bj + w + 1];
            long aj = bits[bj + w + 2];
            long nj = bits[bj + w + 3];
            hethet += Long.bitCount(hi & hj);
            ibs0 += Long.bitCount(mi & mj & (ai ^ aj));
            long bothMissing = ~(ni | nj); // rare (and the padding of the last word): a predictable branch
            if (bothMissing != 0) {
                both += Long.bitCount(bothMissing);
            }
            hetI += Long.bitCount(hi & nj);
            hetJ += Long.bitCount(hj & ni);
        }
        c[at] += hethet;
        c[at + 1] += ibs0;
        c[at + 2] += both;
        c[at + 3] += hetI;
        c[at + 4] += hetJ;
    }

    /**
     * True when the missingness terms of the pair are counted word by word; false when neither sample has missing
     * calls or when both have few, so that the terms come from their sorted lists of missing variants instead.
     */
    private boolean denseMissing(int i, int j) {
        int sparse = planes.missing[i].length + planes.missing[j].length;
        return sparse > 0 && 4 * sparse > planes.words;
    }

    private PairCounts finish(int i, int j, int[] c, int at) {
        int hethet = c[at];
        int ibs0 = c[at + 1];
        int nsnp;
        int hetI;
        int hetJ;
        if (!planes.hasMissing[i] && !planes.hasMissing[j]) {
            nsnp = planes.variantCount;
            hetI = planes.hetTotal[i];
            hetJ = planes.hetTotal[j];
        } else if (!denseMissing(i, j)) {
            int[] mi = planes.missing[i];
            int[] mj = planes.missing[j];
            int common = 0;
            for (int a = 0, b = 0; a < mi.length && b < mj.length; ) {
                if (mi[a] < mj[b]) {
                    a++;
                } else if (mi[a] > mj[b]) {
                    b++;
                } else {
                    common++;
                    a++;
                    b++;
                }
            }
            nsnp = planes.variantCount - mi.length - mj.length + common;
            hetI = planes.hetTotal[i];
            for (int v : mj) {
                hetI -= planes.bit(SamplePlanes.HET, i, v) ? 1 : 0;
            }
            hetJ = planes.hetTotal[j];
            for (int v : mi) {
                hetJ -= planes.bit(SamplePlanes.HET, j, v) ? 1 : 0;
            }
        } else {
            int padding = (planes.words << 6) - planes.variantCount;
            nsnp = planes.variantCount - planes.missing[i].length - planes.missing[j].length + c[at + 2] - padding;
            hetI = c[at + 3];
            hetJ = c[at + 4];
        }
        // plink2 names the larger index "1": het1hom2 = hets of i (ID1) where j is homozygous
        return new PairCounts(nsnp, hethet, ibs0, hetI - hethet, hetJ - hethet);
    }
}
