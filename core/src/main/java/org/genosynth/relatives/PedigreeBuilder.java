package org.genosynth.relatives;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.model.Sex;

/** Turns a {@link PedigreeSpec} into members with fresh IDs, parents before children. */
final class PedigreeBuilder {
    private final List<Member> members = new ArrayList<>();
    private final SplittableRandom rng;
    private String family;
    private int familyCount;

    private PedigreeBuilder(SplittableRandom rng) {
        this.rng = rng;
    }

    /**
     * @param spec        the designs
     * @param populations populations of the input (empty: one unnamed population) for the syngen6 design
     */
    static List<Member> build(PedigreeSpec spec, List<String> populations, SplittableRandom rng) {
        PedigreeBuilder b = new PedigreeBuilder(rng);
        for (PedigreeSpec.Entry e : spec.entries()) {
            if (e.design().equals("syngen6")) {
                for (String pop : populations.isEmpty() ? java.util.Collections.<String>singletonList(null)
                        : populations) {
                    b.syngen6(e.count(), pop);
                }
            } else {
                for (int i = 0; i < e.count(); i++) {
                    b.family(e.design());
                }
            }
        }
        return b.members;
    }

    private void newFamily(String prefix) {
        familyCount++;
        family = String.format(java.util.Locale.ROOT, "%s%05d", prefix, familyCount);
    }

    private int add(String role, int father, int mother, Sex sex, String population) {
        int index = members.size();
        members.add(new Member(index, family, family + "_" + role, father, mother, sex, population));
        return index;
    }

    private int founder(String role, Sex sex, String population) {
        return add(role, -1, -1, sex, population);
    }

    private Sex randomSex() {
        return rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    }

    private void family(String design) {
        newFamily("FAM");
        int f = founder("F1", Sex.MALE, null);
        int m = founder("M1", Sex.FEMALE, null);
        switch (design) {
            case "parent-offspring" -> add("C1", f, m, randomSex(), null);
            case "full-siblings" -> {
                add("C1", f, m, randomSex(), null);
                add("C2", f, m, randomSex(), null);
            }
            case "half-siblings" -> {
                int m2 = founder("M2", Sex.FEMALE, null);
                add("C1", f, m, randomSex(), null);
                add("C2", f, m2, randomSex(), null);
            }
            case "grandparent" -> {
                int p = add("C1", f, m, Sex.MALE, null);
                int s = founder("S1", Sex.FEMALE, null);
                add("G1", p, s, randomSex(), null);
            }
            case "avuncular" -> {
                add("C1", f, m, randomSex(), null);
                int p = add("C2", f, m, Sex.MALE, null);
                int s = founder("S2", Sex.FEMALE, null);
                add("N1", p, s, randomSex(), null);
            }
            case "first-cousins" -> {
                int p1 = add("C1", f, m, Sex.MALE, null);
                int p2 = add("C2", f, m, Sex.FEMALE, null);
                int s1 = founder("S1", Sex.FEMALE, null);
                int s2 = founder("S2", Sex.MALE, null);
                add("K1", p1, s1, randomSex(), null);
                add("K2", s2, p2, randomSex(), null);
            }
            default -> throw new IllegalArgumentException("unknown design " + design);
        }
    }

    /** SynGen6: n founder couples -> n children -> n/2 grandchildren -> n/4 great-grandchildren. */
    private void syngen6(int n, String population) {
        newFamily("SG6");
        List<Integer> parents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parents.add(founder("F" + (i + 1), Sex.MALE, population == null ? null : population));
            parents.add(founder("M" + (i + 1), Sex.FEMALE, population == null ? null : population));
        }
        String[] gen = {"D1_", "D2_", "D3_"};
        int couples = n;
        for (int g = 0; g < 3; g++) {
            boolean last = g == 2;
            int[] order = Rng.permutation(rng, couples);
            List<Integer> fathers = new ArrayList<>();
            List<Integer> mothers = new ArrayList<>();
            List<Integer> children = new ArrayList<>();
            for (int c = 0; c < couples; c++) {
                // the children are shuffled into a father half and a mother half, as SynGen6 does
                Sex sex = last ? randomSex() : order[c] < couples / 2 ? Sex.MALE : Sex.FEMALE;
                int child = add(gen[g] + (c + 1), parents.get(2 * c), parents.get(2 * c + 1), sex, null);
                children.add(child);
                if (!last) {
                    (sex == Sex.MALE ? fathers : mothers).add(child);
                }
            }
            parents.clear();
            java.util.Collections.shuffle(fathers, new java.util.Random(rng.nextLong()));
            for (int c = 0; c < fathers.size(); c++) {
                parents.add(fathers.get(c));
                parents.add(mothers.get(c));
            }
            couples /= 2;
        }
    }
}
