package org.genosynth.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.report.html.Json;

/** The manifest ({@code PREFIX.manifest.json}) and the small side files of a synthesis run. */
final class SynthManifest {
    private SynthManifest() {
    }

    /** The genotype output's path for a prefix and format. */
    static Path outputPath(String prefix, GenotypeFormat format) {
        return switch (format) {
            case VCF -> Path.of(prefix + ".vcf.gz");
            case BCF -> Path.of(prefix + ".bcf");
            case BED, BIMBAM -> Path.of(prefix);
        };
    }

    /** SHA-256 of every input file: the genotype files (a PLINK prefix's three members), phenotypes, labels. */
    static List<Map<String, Object>> checksums(SynthRequest req) {
        List<Path> files = new ArrayList<>();
        Path in = req.input();
        String name = in.getFileName().toString();
        String stem = name.replaceFirst("\\.(bed|bim|fam)(\\.gz)?$", "");
        Path dir = in.toAbsolutePath().getParent();
        boolean plink = false;
        for (String ext : new String[] {".bed", ".bim", ".fam"}) {
            for (String gz : new String[] {"", ".gz"}) {
                Path p = dir.resolve(stem + ext + gz);
                if (Files.isRegularFile(p)) {
                    files.add(p);
                    plink = true;
                }
            }
        }
        if (!plink && Files.isRegularFile(in)) {
            files.add(in);
        }
        if (req.pheno() != null) {
            files.add(req.pheno());
        }
        if (req.read().geneticMap() != null) {
            files.add(req.read().geneticMap());
        }
        if (req.populationLabels() != null) {
            files.add(req.populationLabels());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path p : files) {
            out.add(ordered("file", p.toString(), "sha256", sha256(p)));
        }
        return out;
    }

    private static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> describe(LdCalibration.Outcome fit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("how", "inner 70/30 split of the input; chosen: the shortest mean segment length whose LD-decay distance "
                + "to the inner training set is <= " + LdCalibration.TOLERANCE + " x the real inner holdout's");
        m.put("inner_mosaic_donors", fit.donorPopulations() == 1 ? "the whole inner training set"
                : "within each of " + fit.donorPopulations() + " populations, as the run draws them");
        m.put("reference_distance", fit.referenceDistance());
        List<Object> grid = new ArrayList<>();
        for (LdCalibration.Point p : fit.grid()) {
            grid.add(ordered("segment_cm", p.segmentCm(), "ld_decay_distance", p.distance()));
        }
        m.put("grid", grid);
        m.put("chosen_segment_cm", fit.segmentCm());
        return m;
    }

    static Map<String, Object> mosaic(SynthRequest.Mosaic mosaic, SynthRequest.DonorPool donorPool, double segmentCm,
            double noise, GeneticMap map, boolean haplotypes, boolean statisticallyPhased, SynthRequest req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", !haplotypes ? "genotype (unphased input)" : statisticallyPhased
                ? "haplotype (input phased statistically: cluster-model draw, Li-Stephens refinement)" : "haplotype (phased input)");
        if (haplotypes) {
            boolean phased = !req.csv() && (req.format() == GenotypeFormat.VCF || req.format() == GenotypeFormat.BCF);
            m.put("output_phase", phased ? "kept (GT a|b)" : "dropped: the " + (req.csv() ? "csv"
                    : req.format().cliName()) + " output cannot hold phase (use --output-format vcf or bcf)");
        }
        m.put("mean_segment_cm", segmentCm);
        m.put("max_segment_cm", mosaic.maxSegmentCm());
        m.put("min_distinct_donors", donorPool == SynthRequest.DonorPool.POPULATION
                ? "not applied: donors in cycles through the population" : mosaic.minDonors());
        m.put("noise_resample_rate", noise);
        m.put("max_kinship", mosaic.maxKinship());
        m.put("map", map.fromMap() ? "genetic map of the input (cM)" : "bp x " + mosaic.cmPerMb() + " cM/Mb");
        m.put("map_length_cm", map.totalLength());
        return m;
    }

    static Map<String, Object> pools(LocalPools local) {
        int[] range = local.poolSizeRange();
        return local.pcs() == 0
                ? ordered("kind", "global: every member of the genome's population (no significant principal component)",
                        "pool_size", range[1])
                : ordered("kind", "ancestry-local: the " + LocalPools.SHARE + " of the population nearest to a random "
                        + "anchor genome (never a donor itself) on the significant principal components",
                        "principal_components", local.pcs(), "pool_size_min", range[0], "pool_size_max", range[1]);
    }

    static Map<String, Object> populationPools(int[][] members) {
        return ordered("kind", "population: every member of the genome's population, in successive shuffles (no donor "
                        + "supplies a second segment of a genome before every member has supplied one); switches where "
                        + "drawn; no --min-donors cap", "pool_sizes",
                java.util.Arrays.stream(members).mapToInt(m -> m.length).boxed().toList());
    }

    static Map<String, Object> signalLoci(SignalLoci loci, GeneticMap map) {
        return ordered("rule", "runs of significant signal SNPs (gaps <= " + SignalLoci.JOIN_CM + " cM, at most "
                        + SignalLoci.MAX_LOCUS_CM + " cM around the strongest) copied whole: no segment switch inside; "
                        + "strongest first, at most " + SignalLoci.MAX_SHARE + " of the map", "loci", loci.loci(),
                "copied_whole", loci.windows().size(), "total_cm", round6(loci.totalCm()), "map_cm",
                round6(map.totalLength()));
    }

    /** What {@link MissingCalls} gave the genomes drawn from the model. */
    static Map<String, Object> missingCalls(MissingCalls calls) {
        double[] b = calls.sampleBeta();
        return ordered("rule", "call (s, v) missing with probability min(1, m_v f_s): m_v the variant's missing rate "
                + "in the training cohort, f_s a draw from the beta distribution of the training genomes' missing "
                + "rates over their mean (no real genome's pattern copied)", "training_missing_fraction",
                calls.meanRate(), "per_genome_beta", Double.isNaN(b[0]) ? "none: every training genome has the same "
                        + "rate" : java.util.List.of(b[0], b[1]));
    }

    static Map<String, Object> inbreeding(double f, Inbreeding ibd) {
        return ordered("training_f", Double.isNaN(f) ? "none: no autosomal variant called twice in a population"
                : round6(f), "identity_by_descent_probability", ibd == null ? 0.0 : round6(ibd.probability()),
                "rule", "F = 1 - sum Hobs / sum Hexp over the autosomal variants within each population; when "
                + "positive, each drawn genome's second haplotype takes its first's allele at each variant with "
                + "probability F (one number of the cohort; no genome copied)");
    }

    static Map<String, Object> hmm(ClusterFit.Outcome fit, SynthRequest.Hmm hmm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "haplotype-cluster HMM (fastPHASE model); haplotypes drawn forward");
        m.put("fit", fit.stages());
        m.put("clusters", fit.model().clusters());
        m.put("em_iterations", hmm.iterations());
        m.put("fit_units", fit.fitUnits());
        m.put("available_units", fit.availableUnits());
        m.put("populations_with_own_jump_targets", fit.model().populations());
        m.put("population_frequency_prior", ordered("pseudo_haplotypes", round6(ClusterFit.frequencyPrior(
                fit.model().variants())), "rule", ClusterFit.FREQUENCY_PRIOR + " x max(1, sqrt(variants / "
                + (long) ClusterFit.FREQUENCY_PRIOR_VARIANTS + "))"));
        m.put("expected_jumps_per_haplotype", round6(fit.model().expectedJumps()));
        double[] ll = fit.logLikelihood();
        m.put("log_likelihood_first_last", java.util.List.of(round6(ll[0]), round6(ll[ll.length - 1])));
        m.put("copied_from_real_genomes", "nothing: every allele is drawn from per-variant cluster frequencies");
        return m;
    }

    static Map<String, Object> families(Families.Spectrum spectrum, Families.Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", "the training cohort's pairs of close relatives (KING-robust kinship: parent-child and full sibs "
                + ">= " + Families.FIRST_DEGREE + ", told apart by the IBS0 share; second degree >= "
                + Families.SECOND_DEGREE + "), scaled to the synthetic cohort's size, made by meiosis from synthetic "
                + "parents (half sibs for the second degree); duplicates and twins are not made");
        m.put("real_genomes_measured", spectrum.measured());
        m.put("kinship_median_and_robust_sd", java.util.List.of(round6(spectrum.medianKinship()),
                round6(spectrum.noiseSd())));
        m.put("degrees_resolved", ordered("first", spectrum.firstDegreeResolved(), "second",
                spectrum.secondDegreeResolved(), "rule", "a degree's lower bound >= median + "
                        + Families.RESOLUTION_SDS + " robust SDs of every pair's kinship"));
        m.put("real_pairs", ordered("parent_child", spectrum.parentChild(), "full_sibs", spectrum.fullSibs(),
                "second_degree", spectrum.secondDegree(), "duplicates_or_twins", spectrum.duplicates()));
        m.put("synthetic_pairs", ordered("parent_child", plan.parentChild(), "full_sibs", plan.fullSibs(),
                "half_sibs", plan.halfSibs()));
        m.put("unseen_synthetic_parents", plan.parents());
        return m;
    }

    private static double round6(double x) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", x));
    }

    static Map<String, Object> ldp(SynthRequest.Ldp ldp) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ldp.adjacentOnly()) {
            m.put("mechanism", "SynGen6 adjacent flips (0<->1, 1<->2; 0<->2 never): NOT epsilon-LDP, the likelihood "
                    + "ratio between inputs 0 and 2 is unbounded");
            m.put("epsilon_ldp", false);
            m.put("flip_rate", ldp.flipRate());
        } else {
            m.put("mechanism", "randomized response over {0,1,2}: keep with e^eps/(e^eps+2), else each other value "
                    + "with 1/(e^eps+2)");
            m.put("epsilon_ldp", true);
            m.put("epsilon_per_genotype", ldp.epsilon());
            m.put("change_probability", new SiteNoise.RandomizedResponse(ldp.epsilon()).changeProbability());
        }
        m.put("base", "each synthetic genome is one real genome of its population (each used at most once); beyond "
                + "the population's size, a mosaic of its genomes");
        m.put("ancestry_filter", ldp.ancestryFilter());
        return m;
    }

    static Map<String, Object> phenotype(PhenotypeSynthesis.Fit fit, PhenotypeCalibration.Calibrated calibrated,
            double windowP) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", fit.name());
        m.put("model", "signal SNPs (" + (Double.isNaN(windowP) ? "real LMM Benjamini-Hochberg FDR <= "
                + PhenotypeSynthesis.SIGNAL_FDR : "real LMM p < " + windowP) + ") keep their real LMM correlation "
                + "(the clump leads only when the synthetic LD cannot carry them all); with the polygenic "
                + "background (default) noise of covariance h2 K + (1 - h2) I (K the synthetic relatedness matrix), "
                + "h2 sized to the real REML PVE, then "
                + "targets moved until the LMM statistics match again (when the signal alone explains more than the "
                + "real PVE, its targets scaled down to it, as far as no real hit at 5e-8 is lost); residual Gaussian, "
                + "orthogonal to the signal SNPs; real mean, SD and missing fraction");
        m.put("signal_snps", fit.window().length);
        m.put("significant_snps", fit.significant());
        m.put("clump_leads", fit.leads());
        m.put("clump_leads_at_r2", ordered(java.util.stream.IntStream.range(0, PhenotypeSynthesis.CLUMP_R2_LEVELS.length)
                .boxed().flatMap(i -> java.util.stream.Stream.of((Object) (PhenotypeSynthesis.CLUMP_R2_LEVELS[i]
                        + (i == PhenotypeSynthesis.CLUMP_R2_LEVELS.length - 1 ? " or within "
                        + PhenotypeSynthesis.LOCUS_WINDOW_BP + " bp" : "")), fit.leadsByLevel().get(i))).toArray()));
        m.put("polygenic_background", fit.background());
        m.put("real_observed", fit.realObserved());
        m.put("real_pve", fit.realPve());
        m.put("background_pve_aim", calibrated.backgroundAim());
        m.put("signal_scale", calibrated.signalScale());
        m.put("missing_fraction", fit.missingFraction());
        m.put("binary", fit.binary());
        return m;
    }

    static Path writePopulations(Path file, SampleSheet sheet) {
        StringBuilder sb = new StringBuilder("#FID\tIID\tPOP\n");
        for (Sample s : sheet.samples()) {
            sb.append(s.familyId()).append('\t').append(s.id()).append('\t').append(s.population()).append('\n');
        }
        return writeText(file, sb.toString());
    }

    static Path write(Path file, Map<String, Object> manifest) {
        return writeText(file, Json.write(manifest));
    }

    /** Writes {@code text} to {@code file} atomically (a temporary name, then a rename). */
    static Path writeText(Path file, String text) {
        try (AtomicOutput out = new AtomicOutput()) {
            Files.writeString(out.temp(file), text, StandardCharsets.UTF_8);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }

    /** A map that keeps the order of its keys (Map.of iterates in a per-JVM random order): {@code k1, v1, k2, v2...}. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
