package org.genosynth.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;

/**
 * One synthesis run.
 *
 * @param input            real (training) genotypes
 * @param read             how to read them
 * @param pheno            phenotype table, or null
 * @param phenoCols        phenotype columns to synthesize (names or 1-based numbers); empty = all
 * @param populationLabels population label file, or null
 * @param inferPopulations number of populations to infer by PCA + k-means (0 = none)
 * @param count            synthetic samples in total (split over populations in proportion to their real sizes);
 *                         ignored when {@code perPopulation} is given
 * @param perPopulation    synthetic samples per population name, or null
 * @param method           generator
 * @param seed             random seed
 * @param outPrefix        output prefix
 * @param format           output format
 * @param mosaic           mosaic settings
 * @param ldp              randomized-response settings
 * @param threads          worker threads ({@code <= 0}: one per processor)
 * @param csv              write the genotypes as CSV ({@code PREFIX.snp.csv} + {@code PREFIX.variant_map.csv},
 *                         {@link org.genosynth.io.GenotypeCsv}) instead of {@code format}
 * @param hmm              haplotype-cluster HMM settings
 * @param polygenicBackground phenotypes: add a polygenic background up to the real REML PVE
 * @param admixture        admixed genomes to add ({@link Admixed}, drawn by {@link Admixture}), or null for none
 */
public record SynthRequest(Path input, ReadOptions read, Path pheno, List<String> phenoCols, Path populationLabels,
                           int inferPopulations, int count, Map<String, Integer> perPopulation, Method method,
                           long seed, String outPrefix, GenotypeFormat format, Mosaic mosaic, Ldp ldp, int phenoRounds, int threads,
                           boolean csv, Hmm hmm, boolean polygenicBackground, Admixed admixture) {
    /** A request without admixed genomes. */
    public SynthRequest(Path input, ReadOptions read, Path pheno, List<String> phenoCols, Path populationLabels,
                        int inferPopulations, int count, Map<String, Integer> perPopulation, Method method, long seed,
                        String outPrefix, GenotypeFormat format, Mosaic mosaic, Ldp ldp, int phenoRounds, int threads,
                        boolean csv, Hmm hmm, boolean polygenicBackground) {
        this(input, read, pheno, phenoCols, populationLabels, inferPopulations, count, perPopulation, method, seed,
                outPrefix, format, mosaic, ldp, phenoRounds, threads, csv, hmm, polygenicBackground, null);
    }

    /** A request with the default polygenic background (on: it applies only to synthesized phenotypes). */
    public SynthRequest(Path input, ReadOptions read, Path pheno, List<String> phenoCols, Path populationLabels,
                        int inferPopulations, int count, Map<String, Integer> perPopulation, Method method, long seed,
                        String outPrefix, GenotypeFormat format, Mosaic mosaic, Ldp ldp, int phenoRounds, int threads,
                        boolean csv, Hmm hmm) {
        this(input, read, pheno, phenoCols, populationLabels, inferPopulations, count, perPopulation, method, seed,
                outPrefix, format, mosaic, ldp, phenoRounds, threads, csv, hmm, true);
    }

    /** A request with the default HMM settings. */
    public SynthRequest(Path input, ReadOptions read, Path pheno, List<String> phenoCols, Path populationLabels,
                        int inferPopulations, int count, Map<String, Integer> perPopulation, Method method, long seed,
                        String outPrefix, GenotypeFormat format, Mosaic mosaic, Ldp ldp, int phenoRounds, int threads,
                        boolean csv) {
        this(input, read, pheno, phenoCols, populationLabels, inferPopulations, count, perPopulation, method, seed,
                outPrefix, format, mosaic, ldp, phenoRounds, threads, csv, Hmm.defaults());
    }

    /** A request writing {@code format} (not CSV). */
    public SynthRequest(Path input, ReadOptions read, Path pheno, List<String> phenoCols, Path populationLabels,
                        int inferPopulations, int count, Map<String, Integer> perPopulation, Method method, long seed,
                        String outPrefix, GenotypeFormat format, Mosaic mosaic, Ldp ldp, int phenoRounds, int threads) {
        this(input, read, pheno, phenoCols, populationLabels, inferPopulations, count, perPopulation, method, seed,
                outPrefix, format, mosaic, ldp, phenoRounds, threads, false);
    }

    public SynthRequest {
        read = read == null ? ReadOptions.defaults() : read;
        phenoCols = phenoCols == null ? List.of() : List.copyOf(phenoCols);
        if (populationLabels != null && inferPopulations > 0) {
            throw InputException.usage("give either --populations or --infer-populations, not both");
        }
        if (count < 0) {
            throw InputException.usage("--n must not be negative, got " + count);
        }
        format = format == null ? GenotypeFormat.BED : format;
        mosaic = mosaic == null ? Mosaic.defaults() : mosaic;
        if (mosaic.statisticalPhasing() && (method == Method.HMM || method == Method.LDP)) {
            throw InputException.usage("--statistical-phasing is a mosaic setting (the hmm phases unphased input "
                    + "itself): give --method mosaic or auto with it");
        }
        ldp = ldp == null ? Ldp.defaults() : ldp;
        hmm = hmm == null ? Hmm.defaults() : hmm;
        if (admixture != null && admixture.groups().isEmpty()) {
            admixture = null;
        }
    }

    /**
     * Admixed synthetic genomes, added to the others: each group's genomes have ancestry tracts from its source
     * populations, as after one pulse of admixture {@code generations} generations ago (switches between ancestries at
     * rate {@code generations} per Morgan along each haplotype, each tract's ancestry drawn with the group's weights).
     *
     * @param groups      the admixed groups
     * @param generations generations since the admixture pulse
     * @param alpha       concentration of each genome's own weights, drawn from Dirichlet({@code alpha} x the
     *                    group's weights); NaN: every genome has the group's weights
     */
    public record Admixed(List<Group> groups, double generations, double alpha) {
        /** The default age of the pulse, in generations. */
        public static final double DEFAULT_GENERATIONS = 8;

        /** Every genome with its group's weights. */
        public Admixed(List<Group> groups, double generations) {
            this(groups, generations, Double.NaN);
        }

        public Admixed {
            if (!Double.isNaN(alpha) && !(alpha > 0 && alpha < Double.POSITIVE_INFINITY)) {
                throw InputException.usage("--admixture-alpha must be a positive number, got " + alpha);
            }
            groups = List.copyOf(groups);
            if (!(generations > 0 && generations <= 1000)) {
                throw InputException.usage("--admixture-generations must be in (0, 1000], got " + generations);
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Group g : groups) {
                if (!names.add(g.name())) {
                    throw InputException.usage("--admixed: group '" + g.name() + "' is given twice");
                }
            }
        }

        /**
         * One admixed group.
         *
         * @param name    its population label in the outputs
         * @param count   synthetic genomes in it
         * @param sources source population name to ancestry weight (normalised to sum 1), in the order given
         */
        public record Group(String name, int count, java.util.LinkedHashMap<String, Double> sources) {
            public Group {
                if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                    throw InputException.usage("--admixed: a group name must be one word, got '" + name + "'");
                }
                if (count < 1) {
                    throw InputException.usage("--admixed " + name + ": the count must be at least 1, got " + count);
                }
                if (sources.size() < 2) {
                    throw InputException.usage("--admixed " + name + ": give at least two source populations, got "
                            + sources.keySet());
                }
                double total = 0;
                for (Map.Entry<String, Double> e : sources.entrySet()) {
                    if (!(e.getValue() > 0 && e.getValue() < Double.POSITIVE_INFINITY)) {
                        throw InputException.usage("--admixed " + name + ": the weight of " + e.getKey()
                                + " must be a positive number, got " + e.getValue());
                    }
                    total += e.getValue();
                }
                java.util.LinkedHashMap<String, Double> normalised = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, Double> e : sources.entrySet()) {
                    normalised.put(e.getKey(), e.getValue() / total);
                }
                sources = normalised;
            }
        }
    }

    /** The generators. */
    public enum Method {
        /**
         * Chosen on the data: mosaics of an inner 70 % split are measured against the other 30 %; the mosaic when it
         * is private there, else the HMM.
         */
        AUTO,
        /** Haplotypes drawn from a haplotype-cluster hidden Markov model fitted to the cohort (fastPHASE model). */
        HMM,
        /** Mosaics of short segments of different real genomes. */
        MOSAIC,
        /** Randomized response applied to real genomes (local differential privacy). */
        LDP,
        /**
         * New haplotypes drawn site by site from the training haplotypes that share their recent context
         * ({@link ContextSampler}); unphased input is phased statistically first.
         */
        CONTEXT
    }

    /**
     * Mosaic settings.
     *
     * @param segmentCm    mean segment length in cM; NaN = fit on the data (holdout-calibrated LD decay)
     * @param maxSegmentCm longest segment in cM (privacy knob)
     * @param minDonors    minimum distinct donors per genome (privacy knob)
     * @param noise        per-genotype resampling rate (privacy knob; also fitted when NaN)
     * @param maxKinship   reject any genome whose KING kinship to a real genome reaches this (NaN = no check)
     * @param kinshipFromCohort raise {@code maxKinship} to the cohort's own typical nearest-relative kinship when that
     *                     is higher (measured on an inner split; a colony where everyone has siblings)
     * @param cmPerMb      recombination rate used when the input has no genetic map
     * @param windowP      phenotype model: SNPs whose real LMM p-value is below this carry the signal; NaN = those
     *                     at a Benjamini–Hochberg false discovery rate of 5 %
     * @param statisticalPhasing unphased input is phased first (the HMM's diploid model, one posterior draw per
     *                     genome), so the mosaic copies haplotypes ({@code --statistical-phasing})
     */
    public record Mosaic(double segmentCm, double maxSegmentCm, int minDonors, double noise, double maxKinship,
                         boolean kinshipFromCohort, double cmPerMb, double windowP, DonorPool donorPool,
                         boolean statisticalPhasing) {
        /** The same without statistical phasing. */
        public Mosaic(double segmentCm, double maxSegmentCm, int minDonors, double noise, double maxKinship,
                boolean kinshipFromCohort, double cmPerMb, double windowP, DonorPool donorPool) {
            this(segmentCm, maxSegmentCm, minDonors, noise, maxKinship, kinshipFromCohort, cmPerMb, windowP,
                    donorPool, false);
        }

        /** The same with ancestry-local donor pools. */
        public Mosaic(double segmentCm, double maxSegmentCm, int minDonors, double noise, double maxKinship,
                boolean kinshipFromCohort, double cmPerMb, double windowP) {
            this(segmentCm, maxSegmentCm, minDonors, noise, maxKinship, kinshipFromCohort, cmPerMb, windowP,
                    DonorPool.LOCAL);
        }

        public Mosaic {
            if (!Double.isNaN(segmentCm) && !(segmentCm > 0)) {
                throw InputException.usage("--segment-cm must be positive, got " + segmentCm);
            }
            if (!(maxSegmentCm > 0)) {
                throw InputException.usage("--max-segment-cm must be positive, got " + maxSegmentCm);
            }
            if (minDonors < 1) {
                throw InputException.usage("--min-donors must be at least 1, got " + minDonors);
            }
            if (!Double.isNaN(noise) && !(noise >= 0 && noise < 1)) {
                throw InputException.usage("--noise must be in [0, 1), got " + noise);
            }
            if (!(cmPerMb > 0)) {
                throw InputException.usage("--cm-per-mb must be positive, got " + cmPerMb);
            }
        }

        public static Mosaic defaults() {
            return new Mosaic(Double.NaN, 100, 10, 0.0, 0.177, true, 1.0, Double.NaN);
        }
    }

    /**
     * Where a mosaic genome's donors come from: {@code LOCAL}, the members of its population nearest to an anchor
     * genome on the principal components ({@link LocalPools}); {@code POPULATION}, every member of its population, in
     * successive shuffles of the population (no donor supplies a second segment of a genome before every member has
     * supplied one), switching where the segment ends are drawn.
     */
    public enum DonorPool {
        LOCAL, POPULATION
    }

    /**
     * Randomized-response settings.
     *
     * @param epsilon         privacy parameter of the per-genotype randomized response
     * @param adjacentOnly    SynGen6's variant (0 and 2 never exchanged; NOT eps-LDP) with change probability
     *                        {@code flipRate}
     * @param flipRate        change probability of the adjacent-only variant
     * @param ancestryFilter  redraw samples whose PCA projection leaves their population's cluster
     */
    public record Ldp(double epsilon, boolean adjacentOnly, double flipRate, boolean ancestryFilter) {
        public Ldp {
            if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
                // infinite epsilon flips nothing: the output would be exact copies of the real genomes
                throw InputException.usage("--epsilon must be a finite number above 0, got " + epsilon);
            }
            if (!(flipRate >= 0 && flipRate < 1)) {
                throw InputException.usage("--flip-rate must be in [0, 1), got " + flipRate);
            }
        }

        public static Ldp defaults() {
            return new Ldp(6.0, false, 0.005, true);
        }
    }

    /**
     * Haplotype-cluster HMM settings.
     *
     * @param clusters   number of haplotype clusters K of the drawn model; 0 = 16 (unphased input is first phased
     *                   with a diploid model of at most 8 clusters, whose cost grows as K^2)
     * @param iterations EM iterations
     * @param families   make synthetic families with the training cohort's share of close relatives
     *                   ({@link Families})
     */
    public record Hmm(int clusters, int iterations, boolean families) {
        /** With synthetic families (the default). */
        public Hmm(int clusters, int iterations) {
            this(clusters, iterations, true);
        }

        public Hmm {
            if (clusters < 0 || clusters == 1 || clusters > 64) {
                throw InputException.usage("--clusters must be between 2 and 64, got " + clusters);
            }
            if (iterations < 1) {
                throw InputException.usage("--em-iterations must be at least 1, got " + iterations);
            }
        }

        public static Hmm defaults() {
            return new Hmm(0, 10);
        }

        /** The number of clusters of the drawn model. */
        public int clustersOrDefault() {
            return clusters > 0 ? clusters : 16;
        }
    }
}
