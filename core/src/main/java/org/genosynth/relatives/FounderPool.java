package org.genosynth.relatives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genosynth.io.InputException;

/**
 * Draws founders without replacement from the input samples: founders tied to a population from that population's
 * samples, the others from all samples left, each pool in a seeded random order.
 */
final class FounderPool {
    private FounderPool() {
    }

    /**
     * @param members     the pedigree
     * @param populations population of each input sample (null = none)
     * @return for each member index, the input sample index of its founder genotypes, or -1 for non-founders
     */
    static int[] assign(List<Member> members, List<String> populations, SplittableRandom rng) {
        int n = populations.size();
        int[] order = Rng.permutation(rng, n);
        boolean[] used = new boolean[n];
        Map<String, List<Integer>> byPop = new LinkedHashMap<>();
        for (int i : order) {
            if (populations.get(i) != null) {
                byPop.computeIfAbsent(populations.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        int[] source = new int[members.size()];
        java.util.Arrays.fill(source, -1);
        for (Member m : members) {
            if (!m.founder() || m.population() == null) {
                continue;
            }
            List<Integer> pool = byPop.getOrDefault(m.population(), List.of());
            int k = next.getOrDefault(m.population(), 0);
            if (k >= pool.size()) {
                throw InputException.usage("the pedigree needs more founders from population " + m.population()
                        + " than the input's " + pool.size() + " samples");
            }
            source[m.index()] = pool.get(k);
            used[pool.get(k)] = true;
            next.put(m.population(), k + 1);
        }
        int at = 0;
        for (Member m : members) {
            if (!m.founder() || m.population() != null) {
                continue;
            }
            while (at < n && used[order[at]]) {
                at++;
            }
            if (at == n) {
                long needed = members.stream().filter(Member::founder).count();
                throw InputException.usage("the pedigree needs " + needed + " founders but the input has only " + n
                        + " samples");
            }
            source[m.index()] = order[at];
            used[order[at]] = true;
        }
        return source;
    }
}
