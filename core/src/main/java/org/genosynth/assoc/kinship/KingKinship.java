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
public final class KingKinship {
    /** Header of the table, plink2's. */
    public static final String HEADER = "#FID1\tIID1\tFID2\tIID2\tNSNP\tHETHET\tIBS0\tKINSHIP";
    private static final int ROW_BLOCK = 16;
    private static final int COL_BLOCK = 64;
    private static final int WORD_CHUNK = 256;

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
            backend.mapOrdered(blocks.iterator(), b -> rowBlock(b[0], b[1], ids, minKinship), r -> {
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

    private record Chunk(byte[] text, int length, long rows) {
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
                Numbers.appendSignificant(sb, (double) pc.hetHet() / pc.nsnp(), 6).append('\t');
                Numbers.appendSignificant(sb, (double) pc.ibs0() / pc.nsnp(), 6).append('\t');
                Numbers.appendSignificant(sb, k, 6).append('\n');
                written++;
            }
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        return new Chunk(text, text.length, written);
    }

    /**
     * Adds the counts over words {@code [w0, w1)} of pair (i, j) to {@code c[at..at+4]}: hethet, ibs0, and when either
     * sample has missing calls also nsnp, het_i where j is called, het_j where i is called.
     */
    private void accumulate(int i, int j, int w0, int w1, int[] c, int at) {
        int words = planes.words;
        long[] het = planes.het;
        long[] hom = planes.hom;
        long[] alt = planes.alt;
        int bi = i * words;
        int bj = j * words;
        int hethet = 0;
        int ibs0 = 0;
        if (!planes.hasMissing[i] && !planes.hasMissing[j]) {
            for (int w = w0; w < w1; w++) {
                hethet += Long.bitCount(het[bi + w] & het[bj + w]);
                ibs0 += Long.bitCount(hom[bi + w] & hom[bj + w] & (alt[bi + w] ^ alt[bj + w]));
            }
            c[at] += hethet;
            c[at + 1] += ibs0;
            return;
        }
        long[] nm = planes.nonMissing;
        int both = 0;
        int hetI = 0;
        int hetJ = 0;
        for (int w = w0; w < w1; w++) {
            long hi = het[bi + w];
            long hj = het[bj + w];
            hethet += Long.bitCount(hi & hj);
            ibs0 += Long.bitCount(hom[bi + w] & hom[bj + w] & (alt[bi + w] ^ alt[bj + w]));
            both += Long.bitCount(nm[bi + w] & nm[bj + w]);
            hetI += Long.bitCount(hi & nm[bj + w]);
            hetJ += Long.bitCount(hj & nm[bi + w]);
        }
        c[at] += hethet;
        c[at + 1] += ibs0;
        c[at + 2] += both;
        c[at + 3] += hetI;
        c[at + 4] += hetJ;
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
        } else {
            nsnp = c[at + 2];
            hetI = c[at + 3];
            hetJ = c[at + 4];
        }
        // plink2 names the larger index "1": het1hom2 = hets of i (ID1) where j is homozygous
        return new PairCounts(nsnp, hethet, ibs0, hetI - hethet, hetJ - hethet);
    }
}
