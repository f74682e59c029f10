package org.genosynth.table.synth;

import java.util.Arrays;

/**
 * A classification or regression tree grown as rpart does for synthpop (Gini or sum of squares, at least
 * {@code minBucket} rows per leaf, a split kept only when it lowers the impurity by more than {@code cp} times the
 * root's), keeping in each leaf the training rows it holds: synthesis draws a donor row from the leaf.
 * Missing predictor values go with the lowest numbers (numeric) or form their own label (discrete), so the tree can
 * split on "is missing". Discrete predictors are split as ordered by their mean target (regression) or by the share of
 * the node's most common class (classification).
 */
final class CartTree {
    private static final int MAX_DEPTH = 30;

    /** A node: a leaf (rows != null) or a split on one predictor. */
    private static final class Node {
        int predictor = -1;
        double threshold;
        boolean[] goesLeft;
        Node left;
        Node right;
        int[] rows;
    }

    private final double[][] x;
    private final boolean[] discrete;
    private final int[] levels;
    private final double[] y;
    private final int classes;
    private final int minBucket;
    private final double cp;
    private Node root;
    private double rootImpurity;
    private int leaves;

    /**
     * @param x        predictors, {@code x[p][row]}; NaN missing; discrete ones hold level codes
     * @param discrete which predictors are discrete
     * @param levels   number of levels of each discrete predictor
     * @param y        target (class codes 0..classes-1 when {@code classes > 0}, numbers otherwise)
     * @param classes  number of classes, or 0 for regression
     */
    CartTree(double[][] x, boolean[] discrete, int[] levels, double[] y, int classes, int minBucket, double cp) {
        this.x = x;
        this.discrete = discrete;
        this.levels = levels;
        this.y = y;
        this.classes = classes;
        this.minBucket = minBucket;
        this.cp = cp;
    }

    /** Grows the tree on {@code rows}. */
    CartTree fit(int[] rows) {
        rootImpurity = impurity(rows, 0, rows.length);
        root = grow(rows, 0);
        return this;
    }

    int leafCount() {
        return leaves;
    }

    /** The training rows in the leaf that {@code row} of {@code predictors} falls in. */
    int[] leaf(double[][] predictors, int row) {
        Node n = root;
        while (n.rows == null) {
            double v = predictors[n.predictor][row];
            boolean left;
            if (discrete[n.predictor]) {
                int code = Double.isNaN(v) ? levels[n.predictor] : (int) v;
                left = code < n.goesLeft.length && n.goesLeft[code];
            } else {
                left = Double.isNaN(v) || v <= n.threshold;
            }
            n = left ? n.left : n.right;
        }
        return n.rows;
    }

    private Node grow(int[] rows, int depth) {
        Node node = new Node();
        double parent = impurity(rows, 0, rows.length);
        if (rows.length < 2 * minBucket || depth >= MAX_DEPTH || parent <= 0) {
            return leaf(node, rows);
        }
        Split best = null;
        for (int p = 0; p < x.length; p++) {
            Split s = discrete[p] ? discreteSplit(p, rows) : numericSplit(p, rows);
            if (s != null && (best == null || s.impurity < best.impurity - 1e-12)) {
                best = s;
            }
        }
        if (best == null || parent - best.impurity <= cp * rootImpurity) {
            return leaf(node, rows);
        }
        Split chosen = best;
        node.predictor = chosen.predictor;
        node.threshold = chosen.threshold;
        node.goesLeft = chosen.goesLeft;
        int[] left = Arrays.stream(rows).filter(r -> goesLeft(chosen, r)).toArray();
        int[] right = Arrays.stream(rows).filter(r -> !goesLeft(chosen, r)).toArray();
        node.left = grow(left, depth + 1);
        node.right = grow(right, depth + 1);
        return node;
    }

    private Node leaf(Node node, int[] rows) {
        node.rows = rows;
        leaves++;
        return node;
    }

    private boolean goesLeft(Split s, int r) {
        double v = x[s.predictor][r];
        if (discrete[s.predictor]) {
            return s.goesLeft[Double.isNaN(v) ? levels[s.predictor] : (int) v];
        }
        return Double.isNaN(v) || v <= s.threshold;
    }

    private record Split(int predictor, double threshold, boolean[] goesLeft, double impurity) {
    }

    private static double key(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private Split numericSplit(int p, int[] rows) {
        double[] xp = x[p];
        int[] sorted = sortBy(rows, r -> key(xp[r]));
        double[] best = scan(sorted, r -> key(xp[r]));
        if (best == null) {
            return null;
        }
        int cut = (int) best[1];
        double lo = key(xp[sorted[cut - 1]]);
        double hi = key(xp[sorted[cut]]);
        double threshold = lo == Double.NEGATIVE_INFINITY ? Math.nextDown(hi) : (lo + hi) / 2;
        if (threshold >= hi) {
            threshold = lo;
        }
        return new Split(p, lo == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE : threshold, null, best[0]);
    }

    private Split discreteSplit(int p, int[] rows) {
        int k = levels[p] + 1;
        double[] xp = x[p];
        double[] score = new double[k];
        double[] count = new double[k];
        int major = classes > 0 ? majorityClass(rows) : 0;
        for (int r : rows) {
            int code = Double.isNaN(xp[r]) ? k - 1 : (int) xp[r];
            count[code]++;
            score[code] += classes > 0 ? (y[r] == major ? 1 : 0) : y[r];
        }
        Integer[] byScore = new Integer[k];
        for (int l = 0; l < k; l++) {
            byScore[l] = l;
        }
        Arrays.sort(byScore, (a, b) -> {
            double sa = count[a] > 0 ? score[a] / count[a] : Double.POSITIVE_INFINITY;
            double sb = count[b] > 0 ? score[b] / count[b] : Double.POSITIVE_INFINITY;
            int c = Double.compare(sa, sb);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] rank = new double[k];
        for (int i = 0; i < k; i++) {
            rank[byScore[i]] = i;
        }
        java.util.function.IntToDoubleFunction key = r -> rank[Double.isNaN(xp[r]) ? k - 1 : (int) xp[r]];
        int[] sorted = sortBy(rows, key);
        double[] best = scan(sorted, key);
        if (best == null) {
            return null;
        }
        boolean[] goesLeft = new boolean[k];
        for (int i = 0; i < (int) best[1]; i++) {
            double v = xp[sorted[i]];
            goesLeft[Double.isNaN(v) ? k - 1 : (int) v] = true;
        }
        return new Split(p, 0, goesLeft, best[0]);
    }

    private int majorityClass(int[] rows) {
        int[] c = new int[classes];
        for (int r : rows) {
            c[(int) y[r]]++;
        }
        int best = 0;
        for (int i = 1; i < classes; i++) {
            best = c[i] > c[best] ? i : best;
        }
        return best;
    }

    /** The best cut of rows sorted by {@code key}: {impurity, index of the first row on the right}, or null. */
    private double[] scan(int[] sorted, java.util.function.IntToDoubleFunction key) {
        int n = sorted.length;
        double bestImpurity = Double.POSITIVE_INFINITY;
        int bestCut = -1;
        if (classes > 0) {
            double[] left = new double[classes];
            double[] right = new double[classes];
            for (int r : sorted) {
                right[(int) y[r]]++;
            }
            double leftSq = 0;
            double rightSq = 0;
            for (double c : right) {
                rightSq += c * c;
            }
            for (int i = 0; i < n - 1; i++) {
                int cls = (int) y[sorted[i]];
                leftSq += 2 * left[cls] + 1;
                left[cls]++;
                rightSq -= 2 * right[cls] - 1;
                right[cls]--;
                int nl = i + 1;
                int nr = n - nl;
                if (nl < minBucket || nr < minBucket || key.applyAsDouble(sorted[i]) == key.applyAsDouble(sorted[i + 1])) {
                    continue;
                }
                double gini = (nl - leftSq / nl) + (nr - rightSq / nr);
                if (gini < bestImpurity - 1e-12) {
                    bestImpurity = gini;
                    bestCut = nl;
                }
            }
        } else {
            double total = 0;
            double totalSq = 0;
            for (int r : sorted) {
                total += y[r];
                totalSq += y[r] * y[r];
            }
            double ls = 0;
            double lsq = 0;
            for (int i = 0; i < n - 1; i++) {
                double v = y[sorted[i]];
                ls += v;
                lsq += v * v;
                int nl = i + 1;
                int nr = n - nl;
                if (nl < minBucket || nr < minBucket || key.applyAsDouble(sorted[i]) == key.applyAsDouble(sorted[i + 1])) {
                    continue;
                }
                double rs = total - ls;
                double sse = (lsq - ls * ls / nl) + ((totalSq - lsq) - rs * rs / nr);
                if (sse < bestImpurity - 1e-12) {
                    bestImpurity = sse;
                    bestCut = nl;
                }
            }
        }
        return bestCut < 0 ? null : new double[] {bestImpurity, bestCut};
    }

    /** Gini (times n) or sum of squares of rows[from, to). */
    private double impurity(int[] rows, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return 0;
        }
        if (classes > 0) {
            double[] c = new double[classes];
            for (int i = from; i < to; i++) {
                c[(int) y[rows[i]]]++;
            }
            double sq = 0;
            for (double v : c) {
                sq += v * v;
            }
            return n - sq / n;
        }
        double s = 0;
        double sq = 0;
        for (int i = from; i < to; i++) {
            s += y[rows[i]];
            sq += y[rows[i]] * y[rows[i]];
        }
        return Math.max(0, sq - s * s / n);
    }

    private static int[] sortBy(int[] rows, java.util.function.IntToDoubleFunction key) {
        return Arrays.stream(rows).boxed().sorted((a, b) -> {
            int c = Double.compare(key.applyAsDouble(a), key.applyAsDouble(b));
            return c != 0 ? c : Integer.compare(a, b);
        }).mapToInt(Integer::intValue).toArray();
    }
}
