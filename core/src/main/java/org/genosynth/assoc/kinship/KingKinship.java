package org.genosynth.assoc.kinship;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * between-family estimator written over jointly called variants). Counts come from popcounts on {@link SamplePlanes}
 * and, for the terms that depend on missing calls, from the samples' sparse missing lists ({@link KingRowBlock}).
 *
 * <p>Rows are ordered like plink2's: for each sample {@code i >= 1} (ID1) the samples {@code j < i} (ID2) in input
 * order. Work is split into blocks of rows run on the backend and written in order, so output is identical at any
 * thread count.
 */
public final class KingKinship implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Header of the table, plink2's. */
    public static final String HEADER = "#FID1\tIID1\tFID2\tIID2\tNSNP\tHETHET\tIBS0\tKINSHIP";
    /** Rows per block of work: one block of {@link HetMasks}. */
    private static final int ROW_BLOCK = HetMasks.BLOCK;

    private final SamplePlanes planes;
    /** With inbred lines, the estimator {@link #writeTable} writes instead of KING-robust; else null. */
    private final InbredKinship inbred;

    public KingKinship(SamplePlanes planes) {
        this(planes, null);
    }

    private KingKinship(SamplePlanes planes, InbredKinship inbred) {
        this.planes = planes;
        this.inbred = inbred;
    }

    /**
     * For inbred lines: the table's KINSHIP is {@link InbredKinship}'s (allele mismatches against those expected
     * between unrelated lines, KING's scale) instead of KING-robust, which divides by heterozygote counts.
     *
     * @param altFreq the ALT frequency of every variant of the planes
     */
    public static KingKinship forInbredLines(SamplePlanes planes, double[] altFreq) {
        return new KingKinship(planes, new InbredKinship(planes, altFreq));
    }

    /** The bit planes the counts come from. */
    public SamplePlanes planes() {
        return planes;
    }

    /** Counts of one pair. */
    public record PairCounts(int nsnp, int hetHet, int ibs0, int het1Hom2, int het2Hom1) {
        /** KING-robust kinship (plink2's formula; -inf when neither sample has a heterozygote in common calls). */
        public double kinship() {
            long smallerHet = (long) hetHet + Math.min(het1Hom2, het2Hom1);
            return 0.5 - (double) (4L * ibs0 + het1Hom2 + het2Hom1) / (double) (4L * smallerHet);
        }
    }

    /** Counts for the pair {@code (i, j)} (a direct, unblocked evaluation over every word). */
    public PairCounts pair(int i, int j) {
        long[] bits = planes.bits;
        int p = SamplePlanes.PLANES;
        int bi = p * (i * planes.words);
        int bj = p * (j * planes.words);
        int hetHet = 0;
        int ibs0 = 0;
        int bothCalled = 0;
        int hetIWhereJCalled = 0;
        int hetJWhereICalled = 0;
        for (int x = 0, len = p * planes.words; x < len; x += p) {
            long hi = bits[bi + x + SamplePlanes.HET];
            long hj = bits[bj + x + SamplePlanes.HET];
            long ci = bits[bi + x + SamplePlanes.CALLED];
            long cj = bits[bj + x + SamplePlanes.CALLED];
            hetHet += Long.bitCount(hi & hj);
            ibs0 += Long.bitCount(bits[bi + x + SamplePlanes.HOM] & bits[bj + x + SamplePlanes.HOM]
                    & (bits[bi + x + SamplePlanes.ALT] ^ bits[bj + x + SamplePlanes.ALT]));
            bothCalled += Long.bitCount(ci & cj);
            hetIWhereJCalled += Long.bitCount(hi & cj);
            hetJWhereICalled += Long.bitCount(hj & ci);
        }
        // plink2 names the larger index "1": het1hom2 = hets of i (ID1) where j is homozygous
        return new PairCounts(bothCalled, hetHet, ibs0, hetIWhereJCalled - hetHet, hetJWhereICalled - hetHet);
    }

    /** A pair at or above a kinship bound: samples {@code i > j}, its KING-robust kinship and IBS0 share. */
    public record RelatedPair(int i, int j, double kinship, double ibs0Share) implements java.io.Serializable {
    }

    /**
     * Every pair with kinship {@code >= minKinship}, and the mean IBS0 share of the pairs below {@code unrelatedBelow}
     * (the opposite-homozygote rate of unrelated pairs, which tells a parent and child (IBS0 near 0) from full sibs).
     */
    public record Related(List<RelatedPair> pairs, double unrelatedIbs0Share, long pairCount, long[] histogram)
            implements java.io.Serializable {
        /** Kinship histogram bins: {@link #HISTOGRAM_BINS} of width {@link #HISTOGRAM_WIDTH} from -1 (clamped). */
        public static final int HISTOGRAM_BINS = 1500;
        public static final double HISTOGRAM_WIDTH = 0.001;

        /** The {@code q} quantile of every pair's kinship, to the histogram's resolution. */
        public double quantile(double q) {
            long total = Arrays.stream(histogram).sum();
            long need = (long) Math.ceil(q * total);
            long seen = 0;
            for (int b = 0; b < histogram.length; b++) {
                seen += histogram[b];
                if (seen >= need && seen > 0) {
                    return -1 + (b + 0.5) * HISTOGRAM_WIDTH;
                }
            }
            return Double.NaN;
        }

        /** A robust SD of the pairs' kinship: 1.4826 x the median absolute deviation. */
        public double robustSd() {
            double median = quantile(0.5);
            long total = Arrays.stream(histogram).sum();
            long[] deviation = new long[HISTOGRAM_BINS];
            for (int b = 0; b < histogram.length; b++) {
                double x = -1 + (b + 0.5) * HISTOGRAM_WIDTH;
                int d = (int) Math.min(HISTOGRAM_BINS - 1, Math.floor(Math.abs(x - median) / HISTOGRAM_WIDTH));
                deviation[d] += histogram[b];
            }
            long seen = 0;
            for (int d = 0; d < deviation.length; d++) {
                seen += deviation[d];
                if (seen >= Math.ceil(0.5 * total) && seen > 0) {
                    return 1.4826 * (d + 0.5) * HISTOGRAM_WIDTH;
                }
            }
            return Double.NaN;
        }
    }

    /** The blocks of rows the pair kernel runs on: {@link #ROW_BLOCK} samples each. */
    private List<int[]> rowBlocks() {
        List<int[]> blocks = new ArrayList<>();
        for (int a = 0; a < planes.sampleCount; a += ROW_BLOCK) {
            blocks.add(new int[] {a, Math.min(planes.sampleCount, a + ROW_BLOCK)});
        }
        return blocks;
    }

    /** The related pairs of the cohort (see {@link Related}), computed in blocks of rows on {@code backend}. */
    public Related related(double minKinship, double unrelatedBelow, Backend backend) {
        int n = planes.sampleCount;
        List<int[]> blocks = rowBlocks();
        HetMasks hets = HetMasks.of(planes, backend);
        IntPlanes ints = IntPlanes.vectorPopcount() ? IntPlanes.of(planes, backend) : null;
        List<RelatedPair> pairs = new ArrayList<>();
        double[] unrelated = new double[2];
        BlockKernel<int[], Related> kernel = b -> {
            KingRowBlock block = KingRowBlock.count(planes, ints, hets, b[0], b[1]);
            List<RelatedPair> out = new ArrayList<>();
            double ibs0 = 0;
            long count = 0;
            long[] histogram = new long[Related.HISTOGRAM_BINS];
            for (int i = block.first; i < block.end; i++) {
                for (int j = 0; j < i; j++) {
                    PairCounts pc = block.pair(i, j);
                    if (pc.nsnp() == 0) {
                        continue;
                    }
                    double k = pc.kinship();
                    if (Double.isFinite(k)) {
                        histogram[(int) Math.max(0, Math.min(Related.HISTOGRAM_BINS - 1,
                                Math.floor((k + 1) / Related.HISTOGRAM_WIDTH)))]++;
                    }
                    double share = (double) pc.ibs0() / pc.nsnp();
                    if (k >= minKinship) {
                        out.add(new RelatedPair(i, j, k, share));
                    } else if (k < unrelatedBelow) {
                        ibs0 += share;
                        count++;
                    }
                }
            }
            return new Related(out, ibs0, count, histogram);
        };
        long[] histogram = new long[Related.HISTOGRAM_BINS];
        backend.mapOrdered(blocks.iterator(), kernel, r -> {
            pairs.addAll(r.pairs());
            unrelated[0] += r.unrelatedIbs0Share();
            unrelated[1] += r.pairCount();
            for (int b = 0; b < histogram.length; b++) {
                histogram[b] += r.histogram()[b];
            }
        });
        return new Related(pairs, unrelated[1] > 0 ? unrelated[0] / unrelated[1] : Double.NaN,
                (long) n * (n - 1) / 2, histogram);
    }

    /** Result of writing a table. */
    public record TableSummary(long pairs, long written) {
    }

    /**
     * Writes the table for all pairs with kinship {@code >= minKinship} (NaN or -inf: all pairs, as plink2 without
     * {@code --king-table-filter}); KINSHIP is KING-robust, or the inbred lines' estimator when built by
     * {@link #forInbredLines}.
     */
    public TableSummary writeTable(SampleSheet samples, OutputStream out, double minKinship, Backend backend) {
        int n = planes.sampleCount;
        List<int[]> blocks = rowBlocks();
        HetMasks hets = HetMasks.of(planes, backend);
        IntPlanes ints = IntPlanes.vectorPopcount() ? IntPlanes.of(planes, backend) : null;
        String[] ids = new String[n];
        for (int s = 0; s < n; s++) {
            Sample sample = samples.samples().get(s);
            ids[s] = sample.familyId() + "\t" + sample.id() + "\t";
        }
        long[] written = new long[1];
        try {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            BlockKernel<int[], Chunk> kernel =
                    b -> rowBlock(KingRowBlock.count(planes, ints, hets, b[0], b[1]), ids, minKinship);
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

    private Chunk rowBlock(KingRowBlock block, String[] ids, double minKinship) {
        int a = block.first;
        int b = block.end;
        int rows = b - a;
        StringBuilder sb = new StringBuilder(rows * b * 48);
        long written = 0;
        for (int i = a; i < b; i++) {
            for (int j = 0; j < i; j++) {
                PairCounts pc = block.pair(i, j);
                double k = inbred == null ? pc.kinship() : inbred.kinship(pc, i, j);
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
}
