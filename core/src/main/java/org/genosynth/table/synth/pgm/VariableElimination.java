package org.genosynth.table.synth.pgm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sum-product variable elimination over factors in linear space, eliminating first the attribute whose product is smallest. */
final class VariableElimination {
    private VariableElimination() {
    }

    /** The product of {@code factors} summed over every attribute not in {@code keep} (sorted). */
    static Factor eliminateAllBut(List<Factor> factors, int[] keep) {
        List<Factor> pool = new ArrayList<>(factors);
        while (true) {
            int best = -1;
            double bestCells = Double.POSITIVE_INFINITY;
            for (Factor f : pool) {
                for (int a : f.attrs) {
                    if (Arrays.binarySearch(keep, a) >= 0) {
                        continue;
                    }
                    double cells = productCells(pool, a);
                    if (cells < bestCells) {
                        bestCells = cells;
                        best = a;
                    }
                }
            }
            if (best < 0) {
                break;
            }
            List<Factor> with = new ArrayList<>();
            List<Factor> rest = new ArrayList<>();
            for (Factor f : pool) {
                (Arrays.binarySearch(f.attrs, best) >= 0 ? with : rest).add(f);
            }
            Factor product = with.get(0);
            for (int i = 1; i < with.size(); i++) {
                product = product.times(with.get(i));
            }
            final int gone = best;
            rest.add(product.sumTo(Arrays.stream(product.attrs).filter(x -> x != gone).toArray()));
            pool = rest;
        }
        Factor product = pool.get(0);
        for (int i = 1; i < pool.size(); i++) {
            product = product.times(pool.get(i));
        }
        return product.sumTo(keep);
    }

    private static double productCells(List<Factor> pool, int a) {
        java.util.TreeMap<Integer, Integer> union = new java.util.TreeMap<>();
        for (Factor f : pool) {
            if (Arrays.binarySearch(f.attrs, a) >= 0) {
                for (int j = 0; j < f.attrs.length; j++) {
                    union.put(f.attrs[j], f.sizes[j]);
                }
            }
        }
        double cells = 1;
        for (int s : union.values()) {
            cells *= s;
        }
        return cells;
    }
}
