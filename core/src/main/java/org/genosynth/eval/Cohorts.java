package org.genosynth.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;

/** Helpers on whole cohorts held in memory. */
public final class Cohorts {
    private Cohorts() {
    }

    /** The samples of every matrix side by side (all must have the same variants, in the same order). */
    public static GenotypeMatrix concat(List<GenotypeMatrix> parts) {
        GenotypeMatrix first = parts.get(0);
        int n = parts.stream().mapToInt(GenotypeMatrix::sampleCount).sum();
        int m = first.variantCount();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[m * wpv];
        List<Sample> samples = new ArrayList<>(n);
        for (GenotypeMatrix p : parts) {
            if (p.variantCount() != m) {
                throw new IllegalArgumentException("cohorts with different variants");
            }
            samples.addAll(p.samples().samples());
        }
        for (int v = 0; v < m; v++) {
            int base = 0;
            for (GenotypeMatrix p : parts) {
                long[] src = p.words();
                int off = p.offset(v);
                for (int s = 0; s < p.sampleCount(); s++) {
                    GenotypeCodes.set(words, v * wpv, base + s, GenotypeCodes.get(src, off, s));
                }
                base += p.sampleCount();
            }
        }
        return new GenotypeMatrix(SampleSheet.of(samples), first.variants(), words, null);
    }

    /** {@code k} distinct indices of {@code 0..n-1} in increasing order, drawn with {@code seed} (all when k >= n). */
    public static int[] subset(int n, int k, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (k >= n) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Indices {@code from .. from+count-1}. */
    public static int[] range(int from, int count) {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = from + i;
        }
        return a;
    }

    /** {@code base[idx[i]]} for each i. */
    public static int[] pick(int[] base, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = base[idx[i]];
        }
        return out;
    }
}
