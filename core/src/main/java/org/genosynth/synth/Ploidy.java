package org.genosynth.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genosynth.model.Chromosomes;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;

/**
 * Chromosomes X, Y and MT of synthetic genomes of known sex, as plink2 codes them (haploid calls coded homozygous, as
 * in PLINK and in a VCF's haploid calls read by genosynth):
 * <ul>
 * <li>A male has one X: outside the pseudo-autosomal regions his genotype is one allele. A synthetic male is made
 * haploid there whatever the generator: his second haplotype is his first, and a heterozygous call left over (noise, a
 * population without a real male) becomes homozygous for one of its alleles at random.</li>
 * <li>Y: a synthetic male is haploid on it as on X; a synthetic female has no Y (her Y calls are missing, whatever her
 * donors or haplotypes carry).</li>
 * <li>MT: every synthetic genome is haploid on it (one mitochondrial haplotype).</li>
 * </ul>
 * A genotype mosaic copies a genome's X and Y segments from real genomes of its sex only (a male's from males, a
 * female's from females); haplotype-level generators need no donors of his sex (any real X haplotype is an X a male can
 * carry; a Y is taken from the first haplotype, which a female's missing Y then blanks).
 *
 * <p>Which variants are haploid is read from the real genomes, not from a genome build: an X or Y variant where more
 * than {@value #PAR_MALE_HET_SHARE} of the called real males are heterozygous behaves as pseudo-autosomal (PAR1 and PAR2
 * kept on X or Y, as a VCF may hold them) and stays diploid; an MT variant where more than that share of all called
 * real genomes is heterozygous (heteroplasmy called as heterozygous) stays diploid too.
 */
final class Ploidy {
    /** Heterozygous share among called real males (every real genome on MT) above which a variant stays diploid. */
    static final double PAR_MALE_HET_SHARE = 0.02;

    /** Per variant: on X or Y, whose genotype-mosaic segments come from donors of the genome's sex. */
    private final boolean[] sexLinked;
    /** The X and Y variants as ranges: start, end (exclusive), start, end, ... */
    private final int[] ranges;
    /** Row layout of {@link DonorPanel}: the low bit of every variant haploid in males (X, Y). */
    private final long[] maleHaploid;
    /** Row layout: the low bit of every variant haploid in every genome (MT); null when there is none. */
    private final long[] allHaploid;
    /** Row layout: the low bit of every Y variant (missing in females); null when there is none. */
    private final long[] yBits;
    private final int[] counts;
    private final int realMales;
    private final Sex[] realSexes;
    private final boolean sexesImputed;

    /** Variant counts: X, X haploid in males, Y, Y haploid in males, MT, MT haploid. */
    private static final int X = 0;
    private static final int X_HAPLOID = 1;
    private static final int Y = 2;
    private static final int Y_HAPLOID = 3;
    private static final int MT = 4;
    private static final int MT_HAPLOID = 5;

    private Ploidy(boolean[] sexLinked, long[] maleHaploid, long[] allHaploid, long[] yBits, int[] counts,
            int realMales, Sex[] realSexes, boolean sexesImputed) {
        this.sexLinked = sexLinked;
        List<Integer> r = new ArrayList<>();
        for (int v = 0; v < sexLinked.length; v++) {
            if (sexLinked[v] && (v == 0 || !sexLinked[v - 1])) {
                r.add(v);
            }
            if (sexLinked[v] && (v + 1 == sexLinked.length || !sexLinked[v + 1])) {
                r.add(v + 1);
            }
        }
        this.ranges = r.stream().mapToInt(Integer::intValue).toArray();
        this.maleHaploid = maleHaploid;
        this.allHaploid = allHaploid;
        this.yBits = yBits;
        this.counts = counts;
        this.realMales = realMales;
        this.realSexes = realSexes;
        this.sexesImputed = sexesImputed;
    }

    /**
     * X, Y and MT of {@code train}; null when it has none of them, or only X and Y without a real male (they are then
     * like any other chromosome). Where no sample's sex is given, it is imputed from X ({@link #imputeSexes}).
     */
    static Ploidy of(GenotypeMatrix train) {
        List<Variant> variants = train.variants();
        int m = variants.size();
        boolean[] onX = new boolean[m];
        boolean[] onY = new boolean[m];
        boolean[] onMt = new boolean[m];
        int[] counts = new int[6];
        for (int v = 0; v < m; v++) {
            String chrom = variants.get(v).chrom();
            onX[v] = Chromosomes.isX(chrom);
            onY[v] = Chromosomes.isY(chrom);
            onMt[v] = Chromosomes.isMt(chrom);
            counts[X] += onX[v] ? 1 : 0;
            counts[Y] += onY[v] ? 1 : 0;
            counts[MT] += onMt[v] ? 1 : 0;
        }
        if (counts[X] + counts[Y] + counts[MT] == 0) {
            return null;
        }
        int n = train.sampleCount();
        Sex[] sexes = new Sex[n];
        boolean given = false;
        for (int s = 0; s < n; s++) {
            sexes[s] = train.samples().samples().get(s).sex();
            given |= sexes[s] != Sex.UNKNOWN;
        }
        boolean imputed = !given && counts[X] > 0;
        if (imputed) {
            sexes = imputeSexes(train, onX);
        }
        long[] maleMask = new long[GenotypeCodes.wordsPerVariant(n)];
        long[] everyone = new long[maleMask.length];
        int males = 0;
        for (int s = 0; s < n; s++) {
            everyone[s >>> 5] |= 1L << ((s & 31) << 1);
            if (sexes[s] == Sex.MALE) {
                maleMask[s >>> 5] |= 1L << ((s & 31) << 1);
                males++;
            }
        }
        if (males == 0 && counts[MT] == 0) {
            return null;
        }
        long[] maleHaploid = new long[DonorPanel.rowWords(m)];
        long[] allHaploid = counts[MT] > 0 ? new long[maleHaploid.length] : null;
        long[] yBits = counts[Y] > 0 && males > 0 ? new long[maleHaploid.length] : null;
        long[] words = train.words();
        boolean[] sexLinked = new boolean[m];
        for (int v = 0; v < m; v++) {
            long bit = 1L << ((v & 31) << 1);
            if (onMt[v]) {
                if (haploid(GenotypeCodes.maskedCounts(words, train.offset(v), everyone))) {
                    allHaploid[v >>> 5] |= bit;
                    counts[MT_HAPLOID]++;
                }
                continue;
            }
            if (males == 0 || !onX[v] && !onY[v]) {
                continue;
            }
            sexLinked[v] = true;
            if (onY[v] && yBits != null) {
                yBits[v >>> 5] |= bit;
            }
            if (haploid(GenotypeCodes.maskedCounts(words, train.offset(v), maleMask))) {
                maleHaploid[v >>> 5] |= bit;
                counts[onX[v] ? X_HAPLOID : Y_HAPLOID]++;
            }
        }
        return new Ploidy(sexLinked, maleHaploid, allHaploid, yBits, counts, males, sexes, imputed);
    }

    /** At most {@link #PAR_MALE_HET_SHARE} of the called genomes heterozygous ({@link GenotypeCodes#maskedCounts}). */
    private static boolean haploid(int[] calls) {
        return calls[0] <= PAR_MALE_HET_SHARE * (calls[3] - calls[2]);
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

    /** The low bit of every variant haploid in males (X, Y), in the row layout of {@link DonorPanel}. */
    long[] maleHaploidLowBits() {
        return maleHaploid;
    }

    /** The low bit of every variant haploid in every genome (MT), in the row layout; null when there is none. */
    long[] allHaploidLowBits() {
        return allHaploid;
    }

    /** The low bit of every Y variant (a female's are missing), in the row layout; null without Y or males. */
    long[] yLowBits() {
        return yBits;
    }

    int xVariants() {
        return counts[X];
    }

    int haploidVariants() {
        return counts[X_HAPLOID];
    }

    int yVariants() {
        return counts[Y];
    }

    int mtVariants() {
        return counts[MT];
    }

    int realMales() {
        return realMales;
    }

    /** Whether any X or Y variant takes its genotype-mosaic segments from donors of the genome's sex. */
    boolean hasSexLinked() {
        return ranges.length > 0;
    }

    /**
     * {@code path} with its X and Y variants taken from {@code sameSex} (a path over donors of the genome's sex): the
     * segments of {@code sameSex} where X and Y are, {@code path}'s elsewhere. Genotype-level paths only.
     */
    GenomePath withSexLinked(GenomePath path, GenomePath sameSex) {
        int[] s = new int[path.starts().length + sameSex.starts().length + 2 * ranges.length + 2];
        int[] d = new int[s.length];
        int n = 0;
        int at = 0;
        for (int r = 0; r <= ranges.length; r += 2) {
            int from = r < ranges.length ? ranges[r] : sexLinked.length;
            n = append(path, at, from, s, d, n);
            if (r < ranges.length) {
                n = append(sameSex, from, ranges[r + 1], s, d, n);
                at = ranges[r + 1];
            }
        }
        return new GenomePath(Arrays.copyOf(s, n), Arrays.copyOf(d, n));
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

    /** What the manifest says (under {@code chromosome_x}, {@code chromosome_y} and {@code mt}). */
    java.util.Map<String, Object> describe(boolean genotypeMosaic) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        String sexesNote = sexesImputed ? "imputed from X (none given): F > 0.8 male, < 0.2 female, as plink2 --impute-sex"
                : "as given";
        String donors = genotypeMosaic ? "; a genotype mosaic copies it from real genomes of the synthetic genome's sex"
                : "; its haplotypes come from real haplotypes of either sex";
        if (counts[X] > 0 && realMales > 0) {
            out.put("chromosome_x", SynthManifest.ordered("variants", counts[X], "haploid_in_males", counts[X_HAPLOID],
                    "pseudo_autosomal_like", counts[X] - counts[X_HAPLOID], "real_males", realMales, "sexes",
                    sexesNote, "rule", "a synthetic male is haploid on X (one allele, coded homozygous) where real "
                    + "males are (at most " + PAR_MALE_HET_SHARE + " of them heterozygous; elsewhere "
                    + "pseudo-autosomal, diploid)" + donors));
        }
        if (counts[Y] > 0 && realMales > 0) {
            out.put("chromosome_y", SynthManifest.ordered("variants", counts[Y], "haploid_in_males", counts[Y_HAPLOID],
                    "real_males", realMales, "sexes", sexesNote, "rule", "a synthetic male is haploid on Y where real "
                    + "males are (at most " + PAR_MALE_HET_SHARE + " of them heterozygous); a synthetic female's Y "
                    + "calls are missing" + donors));
        }
        if (counts[MT] > 0) {
            out.put("mt", SynthManifest.ordered("variants", counts[MT], "haploid", counts[MT_HAPLOID], "rule",
                    "every synthetic genome is haploid on MT where the real genomes are (at most "
                    + PAR_MALE_HET_SHARE + " of them heterozygous)"));
        }
        return out;
    }
}
