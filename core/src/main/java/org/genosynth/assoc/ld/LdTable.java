package org.genosynth.assoc.ld;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.Variant;
import org.genosynth.util.Numbers;

/**
 * The r<sup>2</sup> table of variant pairs within a window (plink2 {@code --r2-unphased} style, file {@code .vcor}):
 * for each variant A, the later variants B on the same chromosome with {@code index(B) - index(A) <= windowVariants}
 * and {@code pos(B) - pos(A) <= windowKb * 1000}, written when {@code r2 >= r2Min}. Columns
 * {@code #CHROM_A POS_A ID_A CHROM_B POS_B ID_B UNPHASED_R2}; r<sup>2</sup> over jointly called samples, 6
 * significant digits. Blocks of A variants run on the backend and are written in order.
 */
public final class LdTable {
    /** The header line. */
    public static final String HEADER = "#CHROM_A\tPOS_A\tID_A\tCHROM_B\tPOS_B\tID_B\tUNPHASED_R2";
    private static final int BLOCK = 256;

    private LdTable() {
    }

    /** Window limits and the reporting threshold. */
    public record Window(double windowKb, int windowVariants, double r2Min) implements java.io.Serializable {
    }

    /** Writes the table; returns the number of pairs written. */
    public static long write(LdPairs pairs, Window window, OutputStream out, Backend backend) {
        int nv = pairs.matrix().variantCount();
        List<int[]> blocks = new ArrayList<>();
        for (int a = 0; a < nv; a += BLOCK) {
            blocks.add(new int[] {a, Math.min(nv, a + BLOCK)});
        }
        long[] count = new long[1];
        try {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            BlockKernel<int[], Chunk> kernel = b -> block(pairs, window, b[0], b[1]);
            backend.mapOrdered(blocks.iterator(), kernel, chunk -> {
                try {
                    out.write(chunk.text());
                    count[0] += chunk.rows();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    private record Chunk(byte[] text, long rows) implements java.io.Serializable {
    }

    private static Chunk block(LdPairs pairs, Window window, int a0, int a1) {
        List<Variant> vs = pairs.matrix().variants();
        long maxBp = (long) Math.floor(window.windowKb() * 1000);
        StringBuilder sb = new StringBuilder();
        long n = 0;
        for (int a = a0; a < a1; a++) {
            Variant va = vs.get(a);
            for (int b = a + 1; b < vs.size() && b - a <= window.windowVariants(); b++) {
                Variant vb = vs.get(b);
                if (!vb.chrom().equals(va.chrom()) || vb.position() - va.position() > maxBp) {
                    break;
                }
                double r2 = pairs.moments(a, b).r2();
                if (!(r2 >= window.r2Min())) {
                    continue;
                }
                sb.append(va.chrom()).append('\t').append(va.position()).append('\t').append(va.id()).append('\t')
                        .append(vb.chrom()).append('\t').append(vb.position()).append('\t').append(vb.id())
                        .append('\t');
                Numbers.appendSignificant(sb, r2, 6).append('\n');
                n++;
            }
        }
        return new Chunk(sb.toString().getBytes(StandardCharsets.UTF_8), n);
    }
}
