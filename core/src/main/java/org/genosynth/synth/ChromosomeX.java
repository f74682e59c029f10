package org.genosynth.synth;

import java.util.List;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;

/**
 * Chromosome X for synthetic genomes of known sex. A male has one X: outside the pseudo-autosomal regions his genotype
 * is one allele, coded homozygous, as in PLINK and in a VCF's haploid calls read by genosynth. So a genotype mosaic
 * copies a genome's X segments from real genomes of its sex only (a male's from males, a female's from females), and a
 * synthetic male is made haploid on X whatever the generator: his second haplotype is his first there, and a
 * heterozygous call left over (noise, a population without a real male) becomes homozygous for one of its alleles at
 * random. Haplotype-level generators need no donors of his sex: any real X haplotype is an X a male can carry.
 *
 * <p>Which X variants are haploid in males is read from the real males, not from a genome build: a variant where more
 * than {@value #PAR_MALE_HET_SHARE} of the called real males are heterozygous behaves as pseudo-autosomal (PAR1 and
 * PAR2 kept on X, as a VCF's chrX holds them) and stays diploid.
 */
final class ChromosomeX {
    /** Heterozygous share among called real males above which an X variant is taken as pseudo-autosomal. */
    static final double PAR_MALE_HET_SHARE = 0.02;

    /** Per variant: on X ({@code X}, {@code chrX} or PLINK's {@code 23}). */
    private final boolean[] onX;
    /** The X variants as ranges: start, end (exclusive), start, end, ... */
    private final int[] ranges;
    /** Row layout of {@link DonorPanel}: the low bit of every X variant that is haploid in males. */
    private final long[] haploidLowBits;
    private final int xVariants;
    private final int haploidVariants;
    private final int realMales;
    private final Sex[] realSexes;
    private final boolean sexesImputed;

    private ChromosomeX(boolean[] onX, long[] haploidLowBits, int xVariants, int haploidVariants, int realMales,
            Sex[] realSexes, boolean sexesImputed) {
        this.realSexes = realSexes;
        this.sexesImputed = sexesImputed;
        this.onX = onX;
        java.util.List<Integer> r = new java.util.ArrayList<>();
        for (int v = 0; v < onX.length; v++) {
            if (onX[v] && (v == 0 || !onX[v - 1])) {
                r.add(v);
            }
            if (onX[v] && (v + 1 == onX.length || !onX[v + 1])) {
                r.add(v + 1);
            }
        }
        this.ranges = r.stream().mapToInt(Integer::intValue).toArray();
        this.haploidLowBits = haploidLowBits;
        this.xVariants = xVariants;
        this.haploidVariants = haploidVariants;
        this.realMales = realMales;
    }

    /**
     * X of {@code train}; null when it has no X variant or no male (X is then like any other chromosome). Where no
     * sample's sex is given, it is imputed from X ({@link #imputeSexes}).
     */
    static ChromosomeX of(GenotypeMatrix train) {
        List<Variant> variants = train.variants();
        boolean[] onX = new boolean[variants.size()];
        int x = 0;
        for (int v = 0; v < onX.length; v++) {
            onX[v] = org.genosynth.model.Chromosomes.isX(variants.get(v).chrom());
            x += onX[v] ? 1 : 0;
        }
        if (x == 0) {
            return null;
        }
        int n = train.sampleCount();
        Sex[] sexes = new Sex[n];
        boolean given = false;
        for (int s = 0; s < n; s++) {
            sexes[s] = train.samples().samples().get(s).sex();
            given |= sexes[s] != Sex.UNKNOWN;
        }
        if (!given) {
            sexes = imputeSexes(train, onX);
        }
        long[] maleMask = new long[GenotypeCodes.wordsPerVariant(n)];
        int males = 0;
        for (int s = 0; s < n; s++) {
            if (sexes[s] == Sex.MALE) {
                maleMask[s >>> 5] |= 1L << ((s & 31) << 1);
                males++;
            }
        }
        if (males == 0) {
            return null;
        }
        long[] haploid = new long[DonorPanel.rowWords(onX.length)];
        int haploidCount = 0;
        long[] words = train.words();
        for (int v = 0; v < onX.length; v++) {
            if (!onX[v]) {
                continue;
            }
            int[] maleCalls = GenotypeCodes.maskedCounts(words, train.offset(v), maleMask);
            if (maleCalls[0] <= PAR_MALE_HET_SHARE * (maleCalls[3] - maleCalls[2])) {
                haploid[v >>> 5] |= 1L << ((v & 31) << 1);
                haploidCount++;
            }
        }
        return new ChromosomeX(onX, haploid, x, haploidCount, males, sexes, !given);
    }

    /** X variants of minor allele frequency at least this inform {@link #imputeSexes}. */
    static final double IMPUTE_MIN_MAF = 0.05;
    /** Informative X variants a sample needs to have its sex imputed. */
    static final int IMPUTE_MIN_VARIANTS = 50;

    /**
     * Sexes imputed from X as {@code plink2 --impute-sex} does: the inbreeding coefficient F = 1 - observed / expected
     * heterozygous calls over the X variants of MAF >= {@value #IMPUTE_MIN_MAF} that the sample has called (expected
     * 2 p (1 - p) each, p over the cohort); male above 0.8, female below 0.2, unknown between or with fewer than
     * {@value #IMPUTE_MIN_VARIANTS} such variants.
     */
    static Sex[] imputeSexes(GenotypeMatrix m, boolean[] onX) {
        int n = m.sampleCount();
        double[] expected = new double[n];
        int[] observed = new int[n];
        int[] informative = new int[n];
        for (int v = 0; v < onX.length; v++) {
            if (!onX[v]) {
                continue;
            }
            int[] c = GenotypeCodes.counts(m.words(), m.offset(v), n);
            int called = c[0] + c[1] + c[2];
            if (called == 0) {
                continue;
            }
            double p = (c[1] + 2.0 * c[2]) / (2.0 * called);
            if (Math.min(p, 1 - p) < IMPUTE_MIN_MAF) {
                continue;
            }
            double e = 2 * p * (1 - p);
            for (int s = 0; s < n; s++) {
                int code = m.code(v, s);
                if (code == GenotypeCodes.MISSING) {
                    continue;
                }
                expected[s] += e;
                observed[s] += code == GenotypeCodes.HET ? 1 : 0;
                informative[s]++;
            }
        }
        Sex[] out = new Sex[n];
        for (int s = 0; s < n; s++) {
            double f = 1 - observed[s] / expected[s];
            out[s] = informative[s] < IMPUTE_MIN_VARIANTS ? Sex.UNKNOWN : f > 0.8 ? Sex.MALE
                    : f < 0.2 ? Sex.FEMALE : Sex.UNKNOWN;
        }
        return out;
    }

    /** Every real genome's sex: as given, or imputed from X where none was given ({@link #sexesImputed}). */
    Sex[] realSexes() {
        return realSexes;
    }

    boolean sexesImputed() {
        return sexesImputed;
    }

    /** The low bit of every variant haploid in males, in the row layout of {@link DonorPanel} (32 per word). */
    long[] haploidLowBits() {
        return haploidLowBits;
    }

    int xVariants() {
        return xVariants;
    }

    int haploidVariants() {
        return haploidVariants;
    }

    int realMales() {
        return realMales;
    }

    /**
     * {@code path} with its X variants taken from {@code sameSex} (a path over donors of the genome's sex): the
     * segments of {@code sameSex} where X is, {@code path}'s elsewhere. Genotype-level paths only.
     */
    GenomePath withX(GenomePath path, GenomePath sameSex) {
        int[] s = new int[path.starts().length + sameSex.starts().length + 2 * ranges.length + 2];
        int[] d = new int[s.length];
        int n = 0;
        int at = 0;
        for (int r = 0; r <= ranges.length; r += 2) {
            int xFrom = r < ranges.length ? ranges[r] : onX.length;
            n = append(path, at, xFrom, s, d, n);
            if (r < ranges.length) {
                n = append(sameSex, xFrom, ranges[r + 1], s, d, n);
                at = ranges[r + 1];
            }
        }
        return new GenomePath(java.util.Arrays.copyOf(s, n), java.util.Arrays.copyOf(d, n));
    }

    /** Appends the segments of {@code p} over variants {@code [a, b)} (a donor going on is not repeated). */
    private static int append(GenomePath p, int a, int b, int[] s, int[] d, int n) {
        if (a >= b) {
            return n;
        }
        for (int k = p.segmentOf(a); k < p.starts().length && p.starts()[k] < b; k++) {
            int donor = p.donors()[k];
            if (n > 0 && d[n - 1] == donor) {
                continue;
            }
            s[n] = Math.max(a, p.starts()[k]);
            d[n++] = donor;
        }
        return n;
    }

    /** What the manifest says. */
    java.util.Map<String, Object> describe(boolean genotypeMosaic) {
        return SynthManifest.ordered("variants", xVariants, "haploid_in_males", haploidVariants,
                "pseudo_autosomal_like", xVariants - haploidVariants, "real_males", realMales, "sexes",
                sexesImputed ? "imputed from X (none given): F > 0.8 male, < 0.2 female, as plink2 --impute-sex"
                : "as given", "rule",
                "a synthetic male is haploid on X (one allele, coded homozygous) where real males are (at most "
                + PAR_MALE_HET_SHARE + " of them heterozygous; elsewhere pseudo-autosomal, diploid)"
                + (genotypeMosaic ? "; a genotype mosaic copies X from real genomes of the synthetic genome's sex"
                : "; X haplotypes come from real X haplotypes of either sex"));
    }
}
