package org.genosynth.spike;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.io.InputException;
import org.yaml.snakeyaml.Yaml;

/**
 * The spike-in design, read from YAML:
 *
 * <pre>
 * seed: 7                                   # optional (default 1)
 * phenotype: {file: pheno.tsv, column: case}  # for case/control rules; 0/1 or PLINK 1/2 coding
 * default: {samples: [S0001]}               # rule for spikes not listed under variants (optional)
 * variants:
 *   snv1: {cases: 0.30, controls: 0.05}     # carrier frequencies (or counts >= 1) in cases and controls
 *   snv2: {odds_ratio: 4, controls: 0.10}   # case frequency from the target odds ratio
 *   del1: {samples: [S0001, S0002], zygosity: hom}
 *   ins1: {carriers: 0.02, zygosity: 0.25, phase: 1}   # anywhere; 25% homozygous; hets on haplotype 1
 * </pre>
 *
 * @param seed         random seed for carrier choice and phase
 * @param phenotype    phenotype file or null
 * @param phenoColumn  phenotype column or null
 * @param defaultRule  rule for unlisted spikes, or null
 * @param rules        rules by spike ID
 */
public record SpikeDesign(long seed, Path phenotype, String phenoColumn, CarrierRule defaultRule,
                          Map<String, CarrierRule> rules) {
    private static final Set<String> TOP = Set.of("seed", "phenotype", "default", "variants");
    private static final Set<String> RULE_KEYS = Set.of("samples", "cases", "controls", "odds_ratio", "carriers",
            "zygosity", "phase");

    /** Reads {@code file}; relative phenotype paths are resolved against the design file's directory. */
    public static SpikeDesign read(Path file) {
        Object root = org.genosynth.io.YamlInput.read(file, Yaml::load);
        if (!(root instanceof Map<?, ?> map)) {
            throw InputException.inFile(file, "expected a YAML mapping with 'variants' (and optional 'seed', "
                    + "'phenotype', 'default')");
        }
        for (Object k : map.keySet()) {
            if (!TOP.contains(String.valueOf(k))) {
                throw new InputException(file, 0, String.valueOf(k), "unknown key (expected one of " + TOP + ")");
            }
        }
        long seed = map.containsKey("seed") ? (long) number(file, "seed", map.get("seed")) : 1L;
        Path pheno = null;
        String column = null;
        if (map.get("phenotype") instanceof Map<?, ?> p) {
            Object f = p.get("file");
            Object c = p.get("column");
            if (f == null || c == null) {
                throw new InputException(file, 0, "phenotype", "needs 'file' and 'column'");
            }
            pheno = file.toAbsolutePath().getParent().resolve(String.valueOf(f));
            column = String.valueOf(c);
        } else if (map.containsKey("phenotype")) {
            throw new InputException(file, 0, "phenotype", "expected {file: ..., column: ...}");
        }
        CarrierRule def = map.containsKey("default") ? rule(file, "default", map.get("default")) : null;
        Map<String, CarrierRule> rules = new LinkedHashMap<>();
        Object vars = map.get("variants");
        if (vars instanceof Map<?, ?> vm) {
            for (Map.Entry<?, ?> e : vm.entrySet()) {
                String id = String.valueOf(e.getKey());
                rules.put(id, rule(file, "variants." + id, e.getValue()));
            }
        } else if (vars != null) {
            throw new InputException(file, 0, "variants", "expected a mapping from spike ID to rule");
        }
        if (rules.isEmpty() && def == null) {
            throw InputException.inFile(file, "no rule: give 'variants' and/or 'default'");
        }
        boolean needsPheno = (def != null && def.needsPhenotype())
                || rules.values().stream().anyMatch(CarrierRule::needsPhenotype);
        if (needsPheno && pheno == null) {
            throw new InputException(file, 0, "phenotype", "case/control rules need phenotype: {file, column}");
        }
        return new SpikeDesign(seed, pheno, column, def, rules);
    }

    private static CarrierRule rule(Path file, String where, Object node) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new InputException(file, 0, where, "expected a mapping such as {cases: 0.2, controls: 0.05}");
        }
        for (Object k : m.keySet()) {
            if (!RULE_KEYS.contains(String.valueOf(k))) {
                throw new InputException(file, 0, where + "." + k, "unknown key (expected one of " + RULE_KEYS + ")");
            }
        }
        List<String> samples = null;
        if (m.get("samples") instanceof List<?> l) {
            samples = new ArrayList<>();
            for (Object o : l) {
                samples.add(String.valueOf(o));
            }
        } else if (m.containsKey("samples")) {
            throw new InputException(file, 0, where + ".samples", "expected a list of sample IDs");
        }
        double cases = opt(file, where + ".cases", m.get("cases"));
        double controls = opt(file, where + ".controls", m.get("controls"));
        double or = opt(file, where + ".odds_ratio", m.get("odds_ratio"));
        double carriers = opt(file, where + ".carriers", m.get("carriers"));
        int ways = (samples != null ? 1 : 0) + (!Double.isNaN(carriers) ? 1 : 0)
                + (!Double.isNaN(cases) || !Double.isNaN(controls) || !Double.isNaN(or) ? 1 : 0);
        if (ways != 1) {
            throw new InputException(file, 0, where, "give exactly one of: samples; cases/controls (or odds_ratio "
                    + "with controls); carriers");
        }
        if (!Double.isNaN(or)) {
            if (Double.isNaN(controls) || controls >= 1 || !Double.isNaN(cases) || or <= 0) {
                throw new InputException(file, 0, where, "odds_ratio (> 0) needs the control carrier frequency "
                        + "'controls' (< 1) and no 'cases'");
            }
        }
        for (double v : new double[] {cases, controls, carriers}) {
            if (v < 0 || v >= 1 && v != Math.rint(v)) {
                throw new InputException(file, 0, where, "carrier values are frequencies in [0, 1) or whole counts");
            }
        }
        double hom = 0;
        Object z = m.get("zygosity");
        if (z != null) {
            String zs = String.valueOf(z);
            if (zs.equals("het")) {
                hom = 0;
            } else if (zs.equals("hom")) {
                hom = 1;
            } else {
                hom = number(file, where + ".zygosity", z);
                if (hom < 0 || hom > 1) {
                    throw new InputException(file, 0, where + ".zygosity", "het, hom or a homozygous fraction 0..1");
                }
            }
        }
        int phase = 0;
        Object ph = m.get("phase");
        if (ph != null) {
            String ps = String.valueOf(ph);
            phase = switch (ps) {
                case "random" -> 0;
                case "1" -> 1;
                case "2" -> 2;
                default -> throw new InputException(file, 0, where + ".phase", "random, 1 or 2 (the haplotype of "
                        + "heterozygous carriers)");
            };
        }
        return new CarrierRule(samples, cases, controls, or, carriers, hom, phase);
    }

    private static double opt(Path file, String where, Object v) {
        return v == null ? Double.NaN : number(file, where, v);
    }

    private static double number(Path file, String where, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new InputException(file, 0, where, "'" + v + "' is not a number");
        }
    }

    /** The rule of spike {@code id}, or null when none applies. */
    public CarrierRule ruleFor(String id) {
        CarrierRule r = rules.get(id);
        return r != null ? r : defaultRule;
    }
}
