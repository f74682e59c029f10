package org.genosynth.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.relatives.PedigreeSpec;
import org.genosynth.synth.SynthRequest;

/**
 * A benchmark recipe, read from YAML ({@link #read}); see docs/benchmark-data.md for every key.
 *
 * @param file        the recipe file
 * @param text        its exact text (copied into the manifest)
 * @param name        dataset name: the {@code XX} of SynGen6's {@code XX_snp.csv}
 * @param seed        random seed of every step
 * @param input       input genotypes
 * @param synthetic   the input already is the synthetic cohort (no synthesis step)
 * @param labels      population label file, or null
 * @param infer       populations to infer (0 = none)
 * @param total       synthetic samples in total (0 = the input's size), used without {@code perPopulation}
 * @param perPopulation synthetic samples per population, or null
 * @param method      synthesis method
 * @param mosaic      mosaic settings
 * @param ldp         ldp settings
 * @param pheno       phenotype model
 * @param watermark   watermark, or null for none
 * @param relatives   relatives, or null for none
 * @param formats     output formats
 * @param outDir      output directory from the recipe, or null
 * @param admixed     admixed groups the synthesis step adds (synth's {@code --admixed}), or null
 * @param hmm         the haplotype-cluster HMM's settings (the admixed genomes are drawn from it)
 */
public record Recipe(Path file, String text, String name, long seed, Path input, boolean synthetic, Path labels,
                     int infer, int total, Map<String, Integer> perPopulation, SynthRequest.Method method,
                     SynthRequest.Mosaic mosaic, SynthRequest.Ldp ldp, Pheno pheno, Watermark watermark,
                     Relatives relatives, Set<Format> formats, Path outDir, SynthRequest.Admixed admixed,
                     SynthRequest.Hmm hmm) {

    /** Output formats. */
    public enum Format { VCF, BED, CSV }

    /**
     * Phenotype model ({@code genosynth pheno simulate}; one trait).
     *
     * @param causal         number of causal SNPs (when {@code causalFraction} is NaN)
     * @param causalFraction fraction of eligible SNPs that are causal, or NaN
     * @param causalMaf      minimum minor allele frequency of causal SNPs
     * @param alpha          frequency-dependence exponent, or NaN
     * @param h2             SNP heritability
     * @param h2Causal       the causal SNPs' part of h2
     * @param prevalence     binary: prevalence, or NaN
     * @param cases          binary: exact cases, or -1
     * @param controls       binary: exact controls, or -1
     */
    public record Pheno(int causal, double causalFraction, double causalMaf, double alpha, double h2, double h2Causal,
                        double prevalence, int cases, int controls) {
        public boolean binary() {
            return !Double.isNaN(prevalence) || cases >= 0;
        }
    }

    /**
     * Watermark ({@code genosynth watermark add}).
     *
     * @param keyed   keyed mode (else SynGen6's)
     * @param count   number of watermark SNPs
     * @param eps     SynGen6: share of genotypes 2
     * @param z0      SynGen6: share of genotypes 1 among the others
     * @param keyFile keyed: the secret key file
     * @param targetP keyed: target p-value
     */
    public record Watermark(boolean keyed, int count, double eps, double z0, Path keyFile, double targetP) {
    }

    /**
     * Relatives ({@code genosynth relatives}).
     *
     * @param pedigree   the designs
     * @param geneticMap genetic map file, or null
     * @param cmPerMb    rate where nothing else places a chromosome
     */
    public record Relatives(PedigreeSpec pedigree, Path geneticMap, double cmPerMb) {
    }

    private static final Set<String> TOP = Set.of("name", "seed", "input", "populations", "synth", "phenotype",
            "watermark", "relatives", "outputs");

    /** Reads and validates {@code file}; every error is one line naming the file, line and key. */
    public static Recipe read(Path file) {
        YamlNode root = YamlNode.read(file);
        Map<String, YamlNode> top = root.entries(TOP);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
        YamlNode nameNode = required(root, top, "name");
        String name = nameNode.text().strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw nameNode.error("use letters, digits, '_', '.' or '-' (it prefixes every output file), got '"
                    + name + "'");
        }
        long seed = top.containsKey("seed") ? top.get("seed").whole(Long.MIN_VALUE) : 1L;

        Map<String, YamlNode> in = required(root, top, "input").entries(Set.of("genotypes", "synthetic"));
        Path input = required(top.get("input"), in, "genotypes").path(true);
        boolean synthetic = in.containsKey("synthetic") && in.get("synthetic").bool();

        Path labels = null;
        int infer = 0;
        int total = 0;
        Map<String, Integer> perPop = null;
        SynthRequest.Admixed admixed = null;
        if (top.containsKey("populations")) {
            Map<String, YamlNode> pops = top.get("populations").entries(Set.of("labels", "infer", "counts", "total",
                    "admixed", "admixture_generations", "admixture_alpha"));
            if (pops.containsKey("labels") && pops.containsKey("infer")) {
                throw pops.get("infer").error("give either 'labels' or 'infer', not both");
            }
            if (pops.containsKey("labels")) {
                labels = pops.get("labels").path(true);
            }
            if (pops.containsKey("infer")) {
                infer = (int) pops.get("infer").whole(1);
                if (synthetic) {
                    throw pops.get("infer").error("populations are inferred by the synthesis step; with "
                            + "input.synthetic: true give 'labels'");
                }
            }
            if (pops.containsKey("counts") && pops.containsKey("total")) {
                throw pops.get("total").error("give either 'counts' (per population) or 'total', not both");
            }
            for (String k : List.of("counts", "total")) {
                if (synthetic && pops.containsKey(k)) {
                    throw pops.get(k).error("counts need the synthesis step; the input is already synthetic "
                            + "(input.synthetic: true)");
                }
            }
            if (pops.containsKey("counts")) {
                perPop = new LinkedHashMap<>();
                for (Map.Entry<String, YamlNode> e : pops.get("counts").entries().entrySet()) {
                    perPop.put(e.getKey(), (int) e.getValue().whole(1));
                }
                if (perPop.isEmpty()) {
                    throw pops.get("counts").error("expected POPULATION: COUNT entries");
                }
            }
            if (pops.containsKey("total")) {
                total = (int) pops.get("total").whole(2);
            }
            admixed = admixed(pops, synthetic);
        }

        SynthRequest.Method method = SynthRequest.Method.MOSAIC;
        SynthRequest.Mosaic mosaic = SynthRequest.Mosaic.defaults();
        SynthRequest.Ldp ldp = SynthRequest.Ldp.defaults();
        SynthRequest.Hmm hmm = SynthRequest.Hmm.defaults();
        if (top.containsKey("synth")) {
            if (synthetic) {
                throw top.get("synth").error("no synthesis step when input.synthetic is true");
            }
            Map<String, YamlNode> s = top.get("synth").entries(Set.of("method", "segment_cm", "max_segment_cm",
                    "min_donors", "noise", "max_kinship", "cm_per_mb", "epsilon", "adjacent_only", "flip_rate",
                    "ancestry_filter", "clusters", "em_iterations"));
            if (s.containsKey("method")) {
                method = s.get("method").choice("mosaic", "ldp").equals("ldp") ? SynthRequest.Method.LDP
                        : SynthRequest.Method.MOSAIC;
            }
            SynthRequest.Mosaic d = mosaic;
            double maxKinship = d.maxKinship();
            boolean fromCohort = d.kinshipFromCohort();
            if (s.containsKey("max_kinship")) {
                fromCohort = false;
                maxKinship = s.get("max_kinship").text().strip().equals("none") ? Double.NaN
                        : s.get("max_kinship").number(0, false, 0.5, true);
            }
            mosaic = new SynthRequest.Mosaic(
                    s.containsKey("segment_cm") ? s.get("segment_cm").number(0, false, 1e6, true) : d.segmentCm(),
                    s.containsKey("max_segment_cm") ? s.get("max_segment_cm").number(0, false, 1e6, true)
                            : d.maxSegmentCm(),
                    s.containsKey("min_donors") ? (int) s.get("min_donors").whole(1) : d.minDonors(),
                    s.containsKey("noise") ? s.get("noise").number(0, true, 1, false) : d.noise(), maxKinship, fromCohort,
                    s.containsKey("cm_per_mb") ? s.get("cm_per_mb").number(0, false, 1e6, true) : d.cmPerMb(),
                    d.windowP());
            SynthRequest.Ldp l = ldp;
            ldp = new SynthRequest.Ldp(
                    s.containsKey("epsilon") ? s.get("epsilon").number(0, false, 1e6, true) : l.epsilon(),
                    s.containsKey("adjacent_only") ? s.get("adjacent_only").bool() : l.adjacentOnly(),
                    s.containsKey("flip_rate") ? s.get("flip_rate").number(0, true, 1, false) : l.flipRate(),
                    s.containsKey("ancestry_filter") ? s.get("ancestry_filter").bool() : l.ancestryFilter());
            if (s.containsKey("clusters") && s.get("clusters").whole(2) > 64) {
                throw s.get("clusters").error("expected 2 to 64 clusters");
            }
            hmm = new SynthRequest.Hmm(s.containsKey("clusters") ? (int) s.get("clusters").whole(2) : hmm.clusters(),
                    s.containsKey("em_iterations") ? (int) s.get("em_iterations").whole(1) : hmm.iterations());
        }

        Pheno pheno = pheno(required(root, top, "phenotype"));
        Watermark watermark = top.containsKey("watermark") ? watermark(top.get("watermark"), pheno) : null;
        Relatives relatives = top.containsKey("relatives") ? relatives(top.get("relatives")) : null;

        Set<Format> formats = EnumSet.allOf(Format.class);
        Path outDir = null;
        if (top.containsKey("outputs")) {
            Map<String, YamlNode> o = top.get("outputs").entries(Set.of("formats", "dir"));
            if (o.containsKey("formats")) {
                formats = EnumSet.noneOf(Format.class);
                for (YamlNode f : o.get("formats").items()) {
                    formats.add(Format.valueOf(f.choice("vcf", "bed", "csv").toUpperCase(java.util.Locale.ROOT)));
                }
                if (formats.isEmpty()) {
                    throw o.get("formats").error("name at least one of vcf, bed, csv");
                }
            }
            if (o.containsKey("dir")) {
                outDir = o.get("dir").path(false);
            }
        }
        return new Recipe(file, text, name, seed, input, synthetic, labels, infer, total, perPop, method, mosaic,
                ldp, pheno, watermark, relatives, formats, outDir, admixed, hmm);
    }

    /**
     * {@code populations.admixed} ({@code NAME: {count: N, sources: {POP: WEIGHT, ...}}}) and
     * {@code populations.admixture_generations}, or null.
     */
    private static SynthRequest.Admixed admixed(Map<String, YamlNode> pops, boolean synthetic) {
        if (!pops.containsKey("admixed")) {
            for (String key : List.of("admixture_generations", "admixture_alpha")) {
                if (pops.containsKey(key)) {
                    throw pops.get(key).error(key + " needs populations.admixed");
                }
            }
            return null;
        }
        YamlNode node = pops.get("admixed");
        if (synthetic) {
            throw node.error("admixed genomes need the synthesis step; the input is already synthetic "
                    + "(input.synthetic: true)");
        }
        List<SynthRequest.Admixed.Group> groups = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            Map<String, YamlNode> g = e.getValue().entries(Set.of("count", "sources"));
            int count = (int) required(e.getValue(), g, "count").whole(1);
            LinkedHashMap<String, Double> sources = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> w : required(e.getValue(), g, "sources").entries().entrySet()) {
                double weight = w.getValue().number();
                if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
                    throw w.getValue().error("a weight must be a positive number, got " + w.getValue().text().strip());
                }
                sources.put(w.getKey(), weight);
            }
            if (sources.size() < 2) {
                throw g.get("sources").error("name at least two source populations with their weights");
            }
            groups.add(new SynthRequest.Admixed.Group(e.getKey(), count, sources));
        }
        if (groups.isEmpty()) {
            throw node.error("expected NAME: {count: N, sources: {POP: WEIGHT, ...}} entries");
        }
        double generations = pops.containsKey("admixture_generations")
                ? pops.get("admixture_generations").number(0, false, 1000, true)
                : SynthRequest.Admixed.DEFAULT_GENERATIONS;
        double alpha = pops.containsKey("admixture_alpha") ? pops.get("admixture_alpha").number(0, false, 1e6, true)
                : Double.NaN;
        return new SynthRequest.Admixed(groups, generations, alpha);
    }

    private static Pheno pheno(YamlNode node) {
        Map<String, YamlNode> p = node.entries(Set.of("h2", "h2_causal", "causal", "causal_fraction", "causal_maf",
                "alpha", "prevalence", "cases", "controls"));
        double h2 = p.containsKey("h2") ? p.get("h2").number(0, true, 1, true) : 0.5;
        double h2c = h2;
        if (p.containsKey("h2_causal")) {
            h2c = p.get("h2_causal").number(0, true, 1, true);
            if (h2c > h2) {
                throw p.get("h2_causal").error("must not exceed h2 (" + h2 + "), got " + h2c);
            }
        }
        if (p.containsKey("causal") && p.containsKey("causal_fraction")) {
            throw p.get("causal_fraction").error("give either 'causal' or 'causal_fraction', not both");
        }
        int causal = p.containsKey("causal") ? (int) p.get("causal").whole(0) : 10;
        double fraction = p.containsKey("causal_fraction") ? p.get("causal_fraction").number(0, false, 1, true)
                : Double.NaN;
        double maf = p.containsKey("causal_maf") ? p.get("causal_maf").number(0, true, 0.5, false) : 0.01;
        double alpha = p.containsKey("alpha") ? p.get("alpha").number(-10, true, 10, true) : Double.NaN;
        double prevalence = Double.NaN;
        int cases = -1;
        int controls = -1;
        if (p.containsKey("prevalence")) {
            if (p.containsKey("cases") || p.containsKey("controls")) {
                throw p.get("prevalence").error("give either 'prevalence' or 'cases' and 'controls', not both");
            }
            prevalence = p.get("prevalence").number(0, false, 1, false);
        }
        if (p.containsKey("cases") != p.containsKey("controls")) {
            throw (p.containsKey("cases") ? p.get("cases") : p.get("controls")).error("'cases' and 'controls' "
                    + "go together");
        }
        if (p.containsKey("cases")) {
            cases = (int) p.get("cases").whole(1);
            controls = (int) p.get("controls").whole(1);
        }
        return new Pheno(causal, fraction, maf, alpha, h2, h2c, prevalence, cases, controls);
    }

    private static Watermark watermark(YamlNode node, Pheno pheno) {
        Map<String, YamlNode> w = node.entries(Set.of("mode", "count", "eps", "z0", "key_file", "target_p"));
        boolean keyed = w.containsKey("mode") ? w.get("mode").choice("syngen6", "keyed").equals("keyed")
                : w.containsKey("key_file");
        if (keyed && !w.containsKey("key_file")) {
            throw node.error("mode keyed needs 'key_file' (a secret of at least 16 bytes)");
        }
        if (!keyed) {
            for (String k : List.of("key_file", "target_p")) {
                if (w.containsKey(k)) {
                    throw w.get(k).error("only for mode: keyed");
                }
            }
            if (!pheno.binary()) {
                throw node.error("SynGen6 watermark SNPs need a binary phenotype: give phenotype.prevalence or "
                        + "phenotype.cases/controls, or use mode: keyed");
            }
        } else {
            for (String k : List.of("eps", "z0")) {
                if (w.containsKey(k)) {
                    throw w.get(k).error("only for mode: syngen6");
                }
            }
        }
        int count = w.containsKey("count") ? (int) w.get("count").whole(1) : 20;
        double eps = w.containsKey("eps") ? w.get("eps").number(0, false, 1, false) : 0.3;
        double z0 = w.containsKey("z0") ? w.get("z0").number(0, false, 1, false) : 0.49;
        double targetP = w.containsKey("target_p") ? w.get("target_p").number(0, false, 1, false) : 1e-12;
        Path key = null;
        if (keyed) {
            key = w.get("key_file").path(true);
            try {
                if (Files.size(key) < 16) {
                    throw w.get("key_file").error("a watermark key needs at least 16 bytes, got " + Files.size(key));
                }
            } catch (IOException e) {
                throw w.get("key_file").error("cannot read the key: " + e.getMessage());
            }
        }
        return new Watermark(keyed, count, eps, z0, key, targetP);
    }

    private static Relatives relatives(YamlNode node) {
        Map<String, YamlNode> r = node.entries(Set.of("pedigree", "genetic_map", "cm_per_mb"));
        YamlNode spec = required(node, r, "pedigree");
        String inline;
        if (spec.isMapping()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, YamlNode> e : spec.entries().entrySet()) {
                sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().whole(1));
            }
            inline = sb.toString();
        } else {
            inline = spec.text().strip();
            Path asFile = node.file().toAbsolutePath().getParent().resolve(inline);
            if (!inline.contains("=") && Files.isRegularFile(asFile)) {
                inline = asFile.toString();
            }
        }
        PedigreeSpec pedigree;
        try {
            pedigree = PedigreeSpec.parse(inline);
        } catch (InputException e) {
            if (e.file() != null) {
                throw e;
            }
            throw spec.error(e.getMessage().replaceFirst("^--pedigree: ", "").replaceFirst("^field '[A-Z]+': ", ""));
        }
        if (pedigree.entries().isEmpty()) {
            throw spec.error("expected DESIGN: COUNT entries, e.g. {syngen6: 40}");
        }
        Path map = r.containsKey("genetic_map") ? r.get("genetic_map").path(true) : null;
        double cmPerMb = r.containsKey("cm_per_mb") ? r.get("cm_per_mb").number(0, false, 1e6, true) : 1.0;
        return new Relatives(pedigree, map, cmPerMb);
    }

    private static YamlNode required(YamlNode parent, Map<String, YamlNode> entries, String key) {
        YamlNode n = entries.get(key);
        if (n == null) {
            throw parent.error("missing key '" + key + "'" + (parent.key() == null ? "" : " in " + parent.key()));
        }
        return n;
    }
}
