package org.genosynth.spike;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.io.InputException;

/**
 * Chooses the carriers of each spiked variant and their genotypes, reproducibly from the design seed and the
 * variant's index in the spikes file. Genotype codes: 0 = non-carrier, 1 = ALT on haplotype 1 ({@code 1|0}),
 * 2 = ALT on haplotype 2 ({@code 0|1}), 3 = homozygous ({@code 1|1}).
 */
final class CarrierPicker {
    static final int CASE = 1;
    static final int CONTROL = 0;
    static final int UNKNOWN = -1;

    private final List<String> sampleIds;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] group;
    private final long seed;
    private final Path designFile;

    /** {@code group[s]} is CASE, CONTROL or UNKNOWN (no phenotype), or null when the design has no phenotype. */
    CarrierPicker(List<String> sampleIds, int[] group, long seed, Path designFile) {
        this.sampleIds = sampleIds;
        this.group = group;
        this.seed = seed;
        this.designFile = designFile;
        for (int i = 0; i < sampleIds.size(); i++) {
            index.put(sampleIds.get(i), i);
        }
    }

    /** Genotype codes for every sample for spike number {@code k} under {@code rule}. */
    int[] pick(int k, String id, CarrierRule rule) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (k + 1));
        int n = sampleIds.size();
        int[] chosen;
        if (rule.samples() != null) {
            chosen = new int[rule.samples().size()];
            for (int i = 0; i < chosen.length; i++) {
                Integer s = index.get(rule.samples().get(i));
                if (s == null) {
                    throw new InputException(designFile, 0, "variants." + id + ".samples", "sample '"
                            + rule.samples().get(i) + "' is not in the cohort");
                }
                chosen[i] = s;
            }
            if (Arrays.stream(chosen).distinct().count() != chosen.length) {
                throw new InputException(designFile, 0, "variants." + id + ".samples", "a sample is listed twice");
            }
        } else if (!Double.isNaN(rule.carriers())) {
            chosen = choose(rnd, all(n), CarrierRule.count(rule.carriers(), n), id, "cohort");
        } else {
            int[] cases = members(CASE);
            int[] controls = members(CONTROL);
            double caseValue = Double.isNaN(rule.oddsRatio()) ? rule.cases()
                    : CarrierRule.caseFrequency(rule.oddsRatio(), rule.controls());
            int[] a = choose(rnd, cases, CarrierRule.count(caseValue, cases.length), id, "cases");
            int[] b = choose(rnd, controls, CarrierRule.count(rule.controls(), controls.length), id, "controls");
            chosen = new int[a.length + b.length];
            System.arraycopy(a, 0, chosen, 0, a.length);
            System.arraycopy(b, 0, chosen, a.length, b.length);
        }
        chosen = shuffled(rnd, chosen);
        int[] gt = new int[n];
        int hom = (int) Math.round(rule.homFraction() * chosen.length);
        for (int i = 0; i < chosen.length; i++) {
            int code;
            if (i < hom) {
                code = 3;
            } else if (rule.phase() != 0) {
                code = rule.phase();
            } else {
                code = rnd.nextBoolean() ? 1 : 2;
            }
            gt[chosen[i]] = code;
        }
        return gt;
    }

    /** Number of carriers among cases (CASE) or controls (CONTROL) in {@code gt}. */
    int carriersIn(int[] gt, int which) {
        int c = 0;
        for (int s = 0; s < gt.length; s++) {
            if (gt[s] != 0 && group != null && group[s] == which) {
                c++;
            }
        }
        return c;
    }

    private static int[] shuffled(SplittableRandom rnd, int[] a) {
        int[] p = a.clone();
        for (int i = p.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private int[] members(int which) {
        return java.util.stream.IntStream.range(0, group.length).filter(s -> group[s] == which).toArray();
    }

    private static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** A uniformly random {@code k}-subset of {@code pool} (partial Fisher-Yates), in pool order of choice. */
    private int[] choose(SplittableRandom rnd, int[] pool, int k, String id, String what) {
        if (k > pool.length) {
            throw new InputException(designFile, 0, "variants." + id, k + " carriers asked among " + what
                    + " but there are only " + pool.length);
        }
        int[] p = pool.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(p.length - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return Arrays.copyOf(p, k);
    }
}
