package org.genosynth.relatives;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected kinship and relationship of every related pair of a pedigree. Kinship by the standard recursion over
 * members in pedigree order (founders unrelated and not inbred): {@code phi(i,i) = (1 + phi(f,m)) / 2},
 * {@code phi(i,j) = (phi(f,j) + phi(m,j)) / 2} for {@code j} before {@code i}. Degree
 * {@code round(-log2(phi) - 1)}: 1/4 is first degree, 1/8 second, 1/16 third. Relationship from the genealogy:
 * parent-offspring, grandparent, great-grandparent, ancestor-N, full-siblings, half-siblings, avuncular,
 * half-avuncular, first-cousins, half-first-cousins, other.
 */
final class Relationships {
    /** One related pair (indices into the members, first &lt; second). */
    record Pair(int first, int second, String relationship, int degree, double kinship) {
    }

    private Relationships() {
    }

    /** Every pair of distinct members with positive expected kinship, within families. */
    static List<Pair> pairs(List<Member> members) {
        Map<String, List<Member>> families = new java.util.LinkedHashMap<>();
        for (Member m : members) {
            families.computeIfAbsent(m.familyId(), k -> new ArrayList<>()).add(m);
        }
        List<Pair> out = new ArrayList<>();
        for (List<Member> fam : families.values()) {
            out.addAll(familyPairs(members, fam));
        }
        return out;
    }

    private static List<Pair> familyPairs(List<Member> all, List<Member> fam) {
        int n = fam.size();
        Map<Integer, Integer> local = new HashMap<>();
        for (int i = 0; i < n; i++) {
            local.put(fam.get(i).index(), i);
        }
        double[][] phi = new double[n][n];
        for (int i = 0; i < n; i++) {
            Member m = fam.get(i);
            if (m.founder()) {
                phi[i][i] = 0.5;
                continue;
            }
            int f = local.get(m.father());
            int mo = local.get(m.mother());
            phi[i][i] = 0.5 * (1 + phi[f][mo]);
            for (int j = 0; j < i; j++) {
                phi[i][j] = phi[j][i] = 0.5 * (phi[f][j] + phi[mo][j]);
            }
        }
        List<Map<Integer, Integer>> ancestors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ancestors.add(ancestorsOf(fam.get(i), all));
        }
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (phi[i][j] > 0) {
                    Member a = fam.get(i);
                    Member b = fam.get(j);
                    int degree = (int) Math.round(-Math.log(phi[i][j]) / Math.log(2) - 1);
                    out.add(new Pair(a.index(), b.index(), label(a, b, ancestors.get(i), ancestors.get(j), all),
                            degree, phi[i][j]));
                }
            }
        }
        return out;
    }

    /** Ancestor index to generations above (1 = parent), shortest path. */
    private static Map<Integer, Integer> ancestorsOf(Member m, List<Member> all) {
        Map<Integer, Integer> out = new HashMap<>();
        List<int[]> queue = new ArrayList<>();
        queue.add(new int[] {m.index(), 0});
        for (int q = 0; q < queue.size(); q++) {
            Member x = all.get(queue.get(q)[0]);
            int g = queue.get(q)[1];
            for (int p : new int[] {x.father(), x.mother()}) {
                if (p >= 0 && !out.containsKey(p)) {
                    out.put(p, g + 1);
                    queue.add(new int[] {p, g + 1});
                }
            }
        }
        return out;
    }

    private static String label(Member a, Member b, Map<Integer, Integer> ancA, Map<Integer, Integer> ancB,
                                List<Member> all) {
        Integer up = ancB.get(a.index());
        if (up == null) {
            up = ancA.get(b.index());
        }
        if (up != null) {
            return switch (up) {
                case 1 -> "parent-offspring";
                case 2 -> "grandparent";
                case 3 -> "great-grandparent";
                default -> "ancestor-" + up;
            };
        }
        int shared = sharedParents(a, b);
        if (shared == 2) {
            return "full-siblings";
        }
        if (shared == 1) {
            return "half-siblings";
        }
        String avuncular = parentSibling(a, b, all);
        if (avuncular == null) {
            avuncular = parentSibling(b, a, all);
        }
        if (avuncular != null) {
            return avuncular;
        }
        for (int pa : parents(a)) {
            for (int pb : parents(b)) {
                int s = sharedParents(all.get(pa), all.get(pb));
                if (s == 2) {
                    return "first-cousins";
                }
                if (s == 1) {
                    return "half-first-cousins";
                }
            }
        }
        return "other";
    }

    /** "avuncular" when {@code a} is a full sibling of a parent of {@code b}, "half-avuncular" for a half sibling. */
    private static String parentSibling(Member a, Member b, List<Member> all) {
        for (int p : parents(b)) {
            int s = sharedParents(a, all.get(p));
            if (s == 2) {
                return "avuncular";
            }
            if (s == 1) {
                return "half-avuncular";
            }
        }
        return null;
    }

    private static int[] parents(Member m) {
        return m.founder() ? new int[0] : new int[] {m.father(), m.mother()};
    }

    private static int sharedParents(Member a, Member b) {
        if (a.founder() || b.founder() || a.index() == b.index()) {
            return 0;
        }
        return (a.father() == b.father() ? 1 : 0) + (a.mother() == b.mother() ? 1 : 0);
    }
}
