package org.genosynth.assoc.ld;

import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;

/**
 * Unphased hard-call correlation of variant pairs by popcount on the packed codes, over the samples called at both
 * variants (as plink2's {@code --indep-pairwise} and {@code --r2-unphased}). All sums are exact integers, so the
 * pruning decision {@code cov^2 > t var1 var2} is evaluated with exactly plink2's numbers.
 */
public final class LdPairs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final GenotypeMatrix m;
    private final int wpv;
    private final long[] het;
    private final long[] two;
    private final long[] called;
    private final boolean[] hasMissing;
    private final long[] sum;
    private final long[] ssq;
    private final int[] calledCount;
    private final int[] homRef;
    private final int[] homAlt;

    public LdPairs(GenotypeMatrix m) {
        this.m = m;
        this.wpv = m.wordsPerVariant();
        int nv = m.variantCount();
        het = new long[nv * wpv];
        two = new long[nv * wpv];
        called = new long[nv * wpv];
        hasMissing = new boolean[nv];
        sum = new long[nv];
        ssq = new long[nv];
        calledCount = new int[nv];
        homRef = new int[nv];
        homAlt = new int[nv];
        long[] words = m.words();
        int n = m.sampleCount();
        for (int v = 0; v < nv; v++) {
            int off = m.offset(v);
            for (int w = 0; w < wpv; w++) {
                long word = words[off + w];
                long lo = word & GenotypeCodes.LOW_BITS;
                long hi = (word >>> 1) & GenotypeCodes.LOW_BITS;
                long valid = w == wpv - 1 ? GenotypeCodes.lastWordMask(n) & GenotypeCodes.LOW_BITS
                        : GenotypeCodes.LOW_BITS;
                het[off + w] = lo & ~hi;
                two[off + w] = hi & ~lo;
                called[off + w] = ~(lo & hi) & valid;
            }
            int[] c = GenotypeCodes.counts(words, off, n);
            homRef[v] = c[0];
            homAlt[v] = c[2];
            calledCount[v] = c[0] + c[1] + c[2];
            hasMissing[v] = c[3] > 0;
            sum[v] = c[1] + 2L * c[2];
            ssq[v] = c[1] + 4L * c[2];
        }
    }

    public GenotypeMatrix matrix() {
        return m;
    }

    /** True when the variant's called genotypes do not vary (plink2 removes these before pruning). */
    public boolean isConstant(int v) {
        int nm = calledCount[v];
        return homRef[v] == 0 && homAlt[v] == 0 || homRef[v] == nm || homAlt[v] == nm;
    }

    /** ALT frequency over called genotypes. */
    public double altFrequency(int v) {
        return sum[v] / (2.0 * calledCount[v]);
    }

    /** Integer moments of one pair over jointly called samples. */
    public record Moments(long n, long sumA, long sumB, long ssqA, long ssqB, long dot) {
        /** {@code n * sum(ab) - sum(a) sum(b)}. */
        public double cov() {
            return (double) (dot * n - sumA * sumB);
        }

        public double varA() {
            return (double) (ssqA * n - sumA * sumA);
        }

        public double varB() {
            return (double) (ssqB * n - sumB * sumB);
        }

        /** r^2 (NaN when a variant is constant over the jointly called samples). */
        public double r2() {
            double c = cov();
            return c * c / (varA() * varB());
        }

        /** plink2's pruning test: {@code cov^2 > threshold * varA * varB}. */
        public boolean exceeds(double threshold) {
            double c = cov();
            return c * c > threshold * varA() * varB();
        }
    }

    /** Moments of variants {@code a} and {@code b}. */
    public Moments moments(int a, int b) {
        int oa = a * wpv;
        int ob = b * wpv;
        long dot = 0;
        for (int w = 0; w < wpv; w++) {
            long ha = het[oa + w];
            long ta = two[oa + w];
            long hb = het[ob + w];
            long tb = two[ob + w];
            dot += Long.bitCount(ha & hb) + 2L * (Long.bitCount(ha & tb) + Long.bitCount(ta & hb))
                    + 4L * Long.bitCount(ta & tb);
        }
        if (!hasMissing[a] && !hasMissing[b]) {
            return new Moments(calledCount[a], sum[a], sum[b], ssq[a], ssq[b], dot);
        }
        long n = 0;
        long sa = 0;
        long qa = 0;
        long sb = 0;
        long qb = 0;
        for (int w = 0; w < wpv; w++) {
            long joint = called[oa + w] & called[ob + w];
            n += Long.bitCount(joint);
            long h = Long.bitCount(het[oa + w] & joint);
            long t = Long.bitCount(two[oa + w] & joint);
            sa += h + 2 * t;
            qa += h + 4 * t;
            h = Long.bitCount(het[ob + w] & joint);
            t = Long.bitCount(two[ob + w] & joint);
            sb += h + 2 * t;
            qb += h + 4 * t;
        }
        return new Moments(n, sa, sb, qa, qb, dot);
    }
}
