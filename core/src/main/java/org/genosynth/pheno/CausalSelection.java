package org.genosynth.pheno;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeMatrix;

/** Chooses the causal SNPs: a list of IDs, or a number or fraction drawn at random among the eligible SNPs. */
final class CausalSelection {
    private CausalSelection() {
    }

    /** Indices of the causal variants, ascending. */
    static int[] select(GenotypeMatrix g, double[] freq, PhenoSettings settings) {
        if (settings.causalIds() != null) {
            return byId(g, freq, settings.causalIds());
        }
        int[] eligible = IntStream.range(0, g.variantCount()).filter(v -> {
            double p = freq[v];
            return !Double.isNaN(p) && Math.min(p, 1 - p) >= settings.minCausalFreq() && p > 0 && p < 1;
        }).toArray();
        int k = Double.isNaN(settings.causalFraction()) ? settings.causalCount()
                : (int) Math.round(settings.causalFraction() * eligible.length);
        if (k > eligible.length) {
            throw InputException.usage(k + " causal SNPs requested but only " + eligible.length
                    + " SNPs are polymorphic with minor allele frequency >= " + settings.minCausalFreq());
        }
        if (k == 0 && settings.h2Causal() > 0) {
            throw InputException.usage("--h2-causal > 0 needs causal SNPs (--causal, --causal-fraction or "
                    + "--causal-list)");
        }
        int[] chosen = Rng.sample(Rng.stream(settings.seed(), "causal"), eligible, k);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] byId(GenotypeMatrix g, double[] freq, Map<String, Double> ids) {
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < g.variantCount(); v++) {
            index.putIfAbsent(g.variants().get(v).id(), v);
        }
        int[] out = new int[ids.size()];
        int i = 0;
        for (String id : ids.keySet()) {
            Integer v = index.get(id);
            if (v == null) {
                throw InputException.usage("causal SNP '" + id + "' is not in the input");
            }
            double p = freq[v];
            if (!(p > 0 && p < 1)) {
                throw InputException.usage("causal SNP '" + id + "' is monomorphic in the input");
            }
            out[i++] = v;
        }
        Arrays.sort(out);
        return out;
    }

    /** Replaces drawn effects with the fixed per-allele effects of a causal list (NaN = keep the draw), every trait. */
    static void applyFixedEffects(GenotypeMatrix g, int[] causal, PhenoSettings settings, double[][] beta) {
        Map<String, Double> ids = settings.causalIds();
        if (ids == null) {
            return;
        }
        for (int j = 0; j < causal.length; j++) {
            Double fixed = ids.get(g.variants().get(causal[j]).id());
            if (fixed != null && !Double.isNaN(fixed)) {
                for (double[] b : beta) {
                    b[j] = fixed;
                }
            }
        }
    }
}
