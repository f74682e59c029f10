package org.genosynth.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds synthetic rows (sample-major, as {@link DonorPanel}) chunk by chunk: a chunk is 1,024 variants (32 words).
 * The segments of the genome's path are copied from the donors' rows with masked word copies, then its noise is
 * applied from a random stream keyed by (seed, sample, attempt, chunk), so any chunk can be rebuilt alone, on any
 * thread, with the same result.
 */
final class RowBuilder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int CHUNK_VARIANTS = 1024;
    static final int CHUNK_WORDS = 32;

    private static final long PHASE = 0x9A5EL;
    private static final long EMIT = 0xE317L;
    private static final long HAPLOID_X = 0x58A1L;
    private final DonorPanel panel;
    private final DonorPanel haplotypes;
    private final ClusterModel clusters;
    private final SiteNoise noise;
    private final long seed;
    /** How a genome's second haplotype is made from the cluster model. */
    private final SecondHaplotype second;
    /** Every haplotype path is a cluster path of {@code clusters} (the hmm method), not a donor path. */
    private final boolean allFromModel;
    /** Populations from this index on are admixed groups ({@link Admixture}): no noise. */
    private final int firstAdmixed;
    /** The admixed groups' paths are cluster paths of {@code clusters} (else haplotype mosaics). */
    private final boolean admixedFromModel;
    /** Row layout: the low bit of every variant haploid in males (X, Y; {@link Ploidy}), or null. */
    private long[] maleHaploid;
    /** Row layout: the low bit of every variant haploid in every genome (MT), or null. */
    private long[] allHaploid;
    /** Row layout: the low bit of every variant a female lacks (Y), or null. */
    private long[] femaleAbsent;
    /** The training cohort's missing calls for genomes drawn from the model, or null ({@link #withMissingCalls}). */
    private MissingCalls missingCalls;
    /** The missing calls go to every genome, not only to those drawn from the cluster model. */
    private boolean missingForEveryGenome;
    /** The training cohort's departure from HWE for genomes drawn from the model, or null ({@link #withInbreeding}). */
    private Inbreeding inbreeding;
    /** The identity by descent goes to every genome, not only to those drawn from the cluster model. */
    private boolean inbreedingForEveryGenome;
    /** Per synthetic genome its sex (null: ploidy not set). */
    private org.genosynth.model.Sex[] sexes;

    RowBuilder(DonorPanel panel, SiteNoise noise, long seed) {
        this(panel, null, noise, seed);
    }

    /**
     * @param panel      the donors' genotype rows (what kinship is measured against)
     * @param haplotypes the donors' haplotype rows ({@link DonorPanel#haplotypes}), for haplotype-level paths, or null
     */
    RowBuilder(DonorPanel panel, DonorPanel haplotypes, SiteNoise noise, long seed) {
        this(panel, haplotypes, null, noise, seed);
    }

    /**
     * A builder whose haplotype paths are cluster paths of {@code clusters}: alleles are drawn from the model
     * ({@link ClusterModel#emit}) instead of copied from donors.
     */
    RowBuilder(DonorPanel panel, DonorPanel haplotypes, ClusterModel clusters, SiteNoise noise, long seed) {
        this(panel, haplotypes, clusters, noise, seed, SecondHaplotype.DRAWN);
    }

    /** As above, the second haplotype of each genome made as {@code second} says. */
    RowBuilder(DonorPanel panel, DonorPanel haplotypes, ClusterModel clusters, SiteNoise noise, long seed,
            SecondHaplotype second) {
        this(panel, haplotypes, clusters, noise, seed, second, clusters != null, Integer.MAX_VALUE);
    }

    /** How the cluster model makes a genome's second haplotype, by the cohort's genotype coding. */
    enum SecondHaplotype {
        /** Drawn on its own path (diploid cohorts). */
        DRAWN,
        /** The first, repeated: an inbred cohort coded 0/2. */
        REPEATED,
        /** None (all reference): strains coded 0/1, so the genotype code is the one haplotype's allele. */
        EMPTY;

        /** The one for a cohort's coding ({@link org.genosynth.eval.Coding#label()}). */
        static SecondHaplotype of(String coding) {
            return coding.equals(org.genosynth.eval.Coding.INBRED) ? REPEATED
                    : coding.equals(org.genosynth.eval.Coding.HAPLOID_LIKE) ? EMPTY : DRAWN;
        }
    }

    /**
     * As above; with {@code allFromModel} every haplotype path is a cluster path of {@code clusters}. Populations
     * {@code >= firstAdmixed} are admixed genomes ({@link Admixture}, no noise): with a cluster model, cluster paths
     * whose states carry their tracts' populations; without, haplotype mosaics.
     */
    RowBuilder(DonorPanel panel, DonorPanel haplotypes, ClusterModel clusters, SiteNoise noise, long seed,
            SecondHaplotype second, boolean allFromModel, int firstAdmixed) {
        if (allFromModel && clusters == null) {
            throw new IllegalArgumentException("cluster paths need the cluster model");
        }
        this.allFromModel = allFromModel;
        this.firstAdmixed = firstAdmixed;
        this.admixedFromModel = clusters != null;
        this.panel = panel;
        this.haplotypes = haplotypes;
        this.clusters = clusters;
        this.noise = noise;
        this.seed = seed;
        this.second = second;
    }

    DonorPanel panel() {
        return panel;
    }

    /**
     * Sets each synthetic genome's ploidy ({@link Ploidy}) by its sex {@code sexes[s]}: a male is haploid on the
     * variants of {@code maleHaploid}, every genome on those of {@code allHaploid}, and a female's calls on
     * {@code femaleAbsent} are missing (row layout, the low bit of each variant's field; the last two may be null).
     * Haploid means: a haplotype-level genome's second haplotype is its first there, and a heterozygous call left
     * (noise, donors of the other sex) becomes homozygous for one of its alleles at random. Set before any row is
     * built.
     */
    RowBuilder withPloidy(long[] maleHaploid, long[] allHaploid, long[] femaleAbsent, org.genosynth.model.Sex[] sexes) {
        this.maleHaploid = maleHaploid;
        this.allHaploid = allHaploid;
        this.femaleAbsent = femaleAbsent;
        this.sexes = sexes;
        return this;
    }

    /** The haploid variants of genome {@code sample} in row word {@code w} (low bits), 0 when none. */
    private long haploidWord(int sample, int w) {
        long all = allHaploid != null && w < allHaploid.length ? allHaploid[w] : 0L;
        return male(sample) && w < maleHaploid.length ? all | maleHaploid[w] : all;
    }

    private boolean male(int sample) {
        return sexes != null && sample < sexes.length && sexes[sample] == org.genosynth.model.Sex.MALE;
    }

    /**
     * Gives the genomes drawn from the cluster model, or every genome ({@code everyGenome}: the context sampler's
     * drawn haplotypes), the training cohort's missing calls ({@link MissingCalls}; a mosaic copies its donors' own).
     * Set before any row is built.
     */
    RowBuilder withMissingCalls(MissingCalls calls, boolean everyGenome) {
        this.missingCalls = calls;
        this.missingForEveryGenome = everyGenome;
        return this;
    }

    /**
     * Gives the diploid genomes drawn from the cluster model, or every genome ({@code everyGenome}: the context
     * sampler's), the training cohort's departure from Hardy–Weinberg proportions ({@link Inbreeding}; a mosaic's
     * genomes pair real haplotypes or copy real genotypes). Set before any row is built.
     */
    RowBuilder withInbreeding(Inbreeding ibd, boolean everyGenome) {
        this.inbreeding = ibd;
        this.inbreedingForEveryGenome = everyGenome;
        return this;
    }

    /** Whether genome {@code sample} has a haploid variant or one it lacks. */
    private boolean ploidyApplies(int sample) {
        return sexes != null && (allHaploid != null || male(sample) || femaleAbsent != null && sample < sexes.length
                && sexes[sample] == org.genosynth.model.Sex.FEMALE);
    }

    /**
     * Heterozygous calls of the genome's haploid variants in {@code dst[dstOff ..)} made homozygous at random, and a
     * female's calls on the variants she lacks made missing.
     */
    private void applyPloidy(long[] dst, int dstOff, int v0, int sample, int attempt, int chunk) {
        SplittableRandom alleles = null;
        int w0 = v0 >>> 5;
        boolean female = femaleAbsent != null && sexes[sample] == org.genosynth.model.Sex.FEMALE;
        for (int w = 0; w < CHUNK_WORDS; w++) {
            long g = dst[dstOff + w];
            long het = g & ~(g >>> 1) & haploidWord(sample, w0 + w);
            if (het != 0) {
                if (alleles == null) {
                    alleles = new SplittableRandom(mix(seed, HAPLOID_X, sample, attempt, chunk));
                }
                g = (g & ~het) | ((het & alleles.nextLong()) << 1);
            }
            if (female && w0 + w < femaleAbsent.length) {
                long absent = femaleAbsent[w0 + w];
                g |= absent | absent << 1;
            }
            dst[dstOff + w] = g;
        }
    }

    int chunkCount() {
        return (panel.variantCount() + CHUNK_VARIANTS - 1) / CHUNK_VARIANTS;
    }

    /** Writes chunk {@code chunk} of the genome into {@code dst[dstOff .. dstOff + 32)}. */
    void fillChunk(GenomePath path, int sample, int attempt, int population, int chunk, long[] dst, int dstOff) {
        fillChunk(path, sample, attempt, population, chunk, dst, dstOff, null);
    }

    /**
     * As {@link #fillChunk(GenomePath, int, int, int, int, long[], int)}; for a haplotype-level path also writes the
     * phase into {@code phaseDst[dstOff ..]} (when not null) in the same layout: the low bit of a variant's 2-bit
     * field is set when the genotype is a het with ALT on the first haplotype.
     */
    void fillChunk(GenomePath path, int sample, int attempt, int population, int chunk, long[] dst, int dstOff,
            long[] phaseDst) {
        if (path.haplotypes()) {
            fillHaplotypes(path, sample, attempt, population, chunk, dst, dstOff, phaseDst);
            return;
        }
        int m = panel.variantCount();
        int v0 = chunk * CHUNK_VARIANTS;
        int v1 = Math.min(m, v0 + CHUNK_VARIANTS);
        Arrays.fill(dst, dstOff, dstOff + CHUNK_WORDS, 0L);
        long[] rows = panel.rows();
        int rw = panel.rowWords();
        int[] starts = path.starts();
        int[] donors = path.donors();
        int dstBase = dstOff - (v0 >>> 5);
        for (int k = path.segmentOf(v0); k < starts.length && starts[k] < v1; k++) {
            int a = Math.max(starts[k], v0);
            int b = Math.min(k + 1 < starts.length ? starts[k + 1] : m, v1);
            copyBits(rows, donors[k] * rw, dst, dstBase, a, b);
        }
        noise.apply(dst, dstOff, v0, v1, population, new SplittableRandom(mix(seed, sample, attempt, chunk)));
        if (ploidyApplies(sample)) {
            applyPloidy(dst, dstOff, v0, sample, attempt, chunk);
        }
    }

    /**
     * Haplotype-level chunk: each haplotype is copied from its path over the haplotype rows (codes 0, 1, 3), the
     * genotype is their sum (missing if either is) and the phase is the first haplotype's allele at hets. The noise
     * is then applied to the genotypes, with the same stream as the genotype path; a het it creates gets a random
     * phase (stream keyed by seed, sample, attempt, chunk).
     */
    private void fillHaplotypes(GenomePath path, int sample, int attempt, int population, int chunk, long[] dst,
            int dstOff, long[] phaseDst) {
        int m = panel.variantCount();
        int v0 = chunk * CHUNK_VARIANTS;
        int v1 = Math.min(m, v0 + CHUNK_VARIANTS);
        long[] h = new long[2 * CHUNK_WORDS];
        haplotypePair(path, sample, attempt, population, chunk, h);
        boolean ploidy = ploidyApplies(sample);
        if (ploidy) {
            // one X (a male's), one Y, one MT: the second haplotype is the first there
            int w0 = v0 >>> 5;
            for (int w = 0; w < CHUNK_WORDS; w++) {
                long one = haploidWord(sample, w0 + w);
                long both = one | one << 1;
                h[CHUNK_WORDS + w] = (h[CHUNK_WORDS + w] & ~both) | (h[w] & both);
            }
        }
        long[] phase = new long[CHUNK_WORDS];
        for (int w = 0; w < CHUNK_WORDS; w++) {
            long a = h[w];
            long b = h[CHUNK_WORDS + w];
            long missing = (a & (a >>> 1) | b & (b >>> 1)) & org.genosynth.model.GenotypeCodes.LOW_BITS;
            long al = a & ~missing & org.genosynth.model.GenotypeCodes.LOW_BITS;
            long bl = b & ~missing & org.genosynth.model.GenotypeCodes.LOW_BITS;
            long lo = (al ^ bl) | missing;
            long hi = (al & bl) | missing;
            dst[dstOff + w] = lo | (hi << 1);
            phase[w] = al & ~bl;
        }
        long[] before = java.util.Arrays.copyOfRange(dst, dstOff, dstOff + CHUNK_WORDS);
        if (population < firstAdmixed) {
            noise.apply(dst, dstOff, v0, v1, population, new SplittableRandom(mix(seed, sample, attempt, chunk)));
        }
        if (ploidy) {
            applyPloidy(dst, dstOff, v0, sample, attempt, chunk);
        }
        SplittableRandom flips = null;
        for (int w = 0; w < CHUNK_WORDS; w++) {
            long changed = before[w] ^ dst[dstOff + w];
            if (changed == 0) {
                continue;
            }
            long lanes = (changed | (changed >>> 1)) & org.genosynth.model.GenotypeCodes.LOW_BITS;
            long g = dst[dstOff + w];
            long het = g & ~(g >>> 1) & org.genosynth.model.GenotypeCodes.LOW_BITS;
            if (flips == null) {
                flips = new SplittableRandom(mix(seed, PHASE, sample, attempt, chunk));
            }
            phase[w] = (phase[w] & ~lanes) | (lanes & het & flips.nextLong());
        }
        if (missingCalls != null && (missingForEveryGenome || allFromModel
                || population >= firstAdmixed && admixedFromModel)) {
            missingCalls.apply(dst, dstOff, phase, v0, v1, sample, attempt, chunk);
        }
        if (phaseDst != null) {
            System.arraycopy(phase, 0, phaseDst, dstOff, CHUNK_WORDS);
        }
    }

    /**
     * The two haplotypes of chunk {@code chunk} of a haplotype-level genome into {@code h[0, 32)} and
     * {@code h[32, 64)} (2-bit codes 0/1/3), which must be zero: drawn from the cluster model, copied from donor
     * haplotypes, or, for a member of a synthetic family, inherited from its synthetic parents.
     */
    private void haplotypePair(GenomePath path, int sample, int attempt, int population, int chunk, long[] h) {
        int m = panel.variantCount();
        int v0 = chunk * CHUNK_VARIANTS;
        int v1 = Math.min(m, v0 + CHUNK_VARIANTS);
        if (path.inherited() != null) {
            long[] parent = new long[2 * CHUNK_WORDS];
            inherit(path.inherited().first(), population, chunk, v0, v1, parent, h, 0);
            inherit(path.inherited().second(), population, chunk, v0, v1, parent, h, CHUNK_WORDS);
            return;
        }
        boolean admixed = population >= firstAdmixed;
        if (allFromModel || admixed && admixedFromModel) {
            SplittableRandom alleles = new SplittableRandom(mix(seed, EMIT, sample, attempt, chunk));
            int p = admixed ? ClusterModel.BY_STATE : population;
            clusters.emit(path, p, v0, v1, alleles, h, 0);
            switch (second) {
                case REPEATED -> System.arraycopy(h, 0, h, CHUNK_WORDS, CHUNK_WORDS);
                case EMPTY -> {
                    // all reference: the genotype code is the first haplotype's allele (0/1 strain coding)
                }
                default -> clusters.emit(path.second(), p, v0, v1, alleles, h, CHUNK_WORDS);
            }
        } else {
            copyPath(path, 0, h, 0, v0, v1, m);
            copyPath(path.second(), 0, h, CHUNK_WORDS, v0, v1, m);
            fillSecondWhereOnlyItIsMissing(path, h, v0, v1, m);
        }
        // here, not where the row is built: a synthetic family's child inherits these same haplotypes from its parent
        // (no Mendelian inconsistency with the parent), and its own two come from two parents
        if (inbreeding != null && second == SecondHaplotype.DRAWN && (inbreedingForEveryGenome || allFromModel
                || admixed && admixedFromModel)) {
            inbreeding.apply(h, CHUNK_WORDS, v0, v1, sample, attempt, chunk);
        }
    }

    /**
     * A missing genotype is missing on both haplotypes, so two donors would make a synthetic genotype missing twice
     * as often as a real one (1 - (1 - p)^2: 9.8 % for 5.0 % real, measured): the synthetic genotype is missing where
     * the first haplotype's donor is, and where only the second's is, the second haplotype takes the first donor's
     * other allele there (its genotype at that variant, as a genotype mosaic would copy it).
     */
    private void fillSecondWhereOnlyItIsMissing(GenomePath path, long[] h, int v0, int v1, int m) {
        long low = org.genosynth.model.GenotypeCodes.LOW_BITS;
        long[] partner = null;
        for (int w = 0; w < CHUNK_WORDS; w++) {
            long a = h[w];
            long b = h[CHUNK_WORDS + w];
            long fix = b & (b >>> 1) & ~(a & (a >>> 1)) & low;
            if (fix == 0) {
                continue;
            }
            if (partner == null) {
                // the other haplotype of each of the first path's donors
                partner = new long[CHUNK_WORDS];
                copyPath(path, 1, partner, 0, v0, v1, m);
            }
            long mask = fix | (fix << 1);
            h[CHUNK_WORDS + w] = (b & ~mask) | (partner[w] & mask);
        }
    }

    /**
     * One transmitted haplotype: the parent's two haplotypes of the chunk are rebuilt (the parent's own stream, so
     * every child of a parent sees the same parent), and the child's copies the one the meiosis chose between
     * consecutive crossovers.
     */
    private void inherit(Families.Transmission from, int population, int chunk, int v0, int v1, long[] parent,
            long[] h, int off) {
        Arrays.fill(parent, 0L);
        haplotypePair(from.parentPath(), from.parentKey(), 0, population, chunk, parent);
        int[] crossovers = from.crossovers();
        int k = 0;
        while (k < crossovers.length && crossovers[k] <= v0) {
            k++;
        }
        int a = v0;
        int which = from.firstHaplotype() ^ (k & 1);
        int chunkBase = v0 >>> 5;
        while (a < v1) {
            int b = k < crossovers.length ? Math.min(v1, crossovers[k]) : v1;
            if (b > a) {
                copyBits(parent, which * CHUNK_WORDS - chunkBase, h, off - chunkBase, a, b);
            }
            a = b;
            which ^= 1;
            k++;
        }
    }

    /**
     * Copies the haplotype rows {@code path} names over variants {@code [v0, v1)} into {@code dst} from
     * {@code dstOff}; with {@code flip} 1, each donor's other haplotype (row {@code donor ^ 1}).
     */
    private void copyPath(GenomePath path, int flip, long[] dst, int dstOff, int v0, int v1, int m) {
        long[] rows = haplotypes.rows();
        int rw = haplotypes.rowWords();
        int[] starts = path.starts();
        int[] donors = path.donors();
        int dstBase = dstOff - (v0 >>> 5);
        for (int k = path.segmentOf(v0); k < starts.length && starts[k] < v1; k++) {
            int a = Math.max(starts[k], v0);
            int b = Math.min(k + 1 < starts.length ? starts[k + 1] : m, v1);
            copyBits(rows, (donors[k] ^ flip) * rw, dst, dstBase, a, b);
        }
    }

    /** The whole genome as one row of {@link DonorPanel#rowWords()} words. */
    long[] fullRow(GenomePath path, int sample, int attempt, int population) {
        long[] row = new long[panel.rowWords()];
        for (int c = 0; c < chunkCount(); c++) {
            fillChunk(path, sample, attempt, population, c, row, c * CHUNK_WORDS);
        }
        return row;
    }

    /**
     * ORs the codes of variants {@code [a, b)} of {@code src} (row starting at {@code srcBase}) into {@code dst} (word
     * {@code w} of the row at {@code dst[dstBase + w]}); the destination bits must be zero.
     */
    static void copyBits(long[] src, int srcBase, long[] dst, int dstBase, int a, int b) {
        int wa = a >>> 5;
        int wb = (b - 1) >>> 5;
        long first = -1L << ((a & 31) << 1);
        int lastElement = (b - 1) & 31;
        long last = lastElement == 31 ? -1L : (1L << ((lastElement + 1) << 1)) - 1;
        if (wa == wb) {
            dst[dstBase + wa] |= src[srcBase + wa] & first & last;
            return;
        }
        dst[dstBase + wa] |= src[srcBase + wa] & first;
        System.arraycopy(src, srcBase + wa + 1, dst, dstBase + wa + 1, wb - wa - 1);
        dst[dstBase + wb] |= src[srcBase + wb] & last;
    }

    /** A well-mixed stream key from several integers (SplitMix64 finalizer, applied per part). */
    static long mix(long seed, long... parts) {
        long h = seed ^ 0x9E37_79B9_7F4A_7C15L;
        for (long p : parts) {
            h = fmix(h + fmix(p + 0x632B_E59B_D9B4_E019L));
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
