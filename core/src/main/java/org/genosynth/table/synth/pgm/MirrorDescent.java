package org.genosynth.table.synth.pgm;

import java.util.List;

/**
 * Private-PGM's estimator (McKenna, Sheldon and Miklau 2019, "Graphical-model based estimation and inference for
 * differential privacy"): the graphical model on a junction tree of the measured cliques whose marginals minimise
 * {@code sum over measurements of ||Q mu_C - y||^2 / (2 sigma^2)} over the marginal polytope, found by entropic mirror
 * descent on the potentials (a gradient step on theta, then belief propagation back to consistent marginals), with an
 * Armijo line search on the step size as Private-PGM does. The total is the inverse-variance weighted mean of the
 * measurements' sums.
 */
public final class MirrorDescent {
    private MirrorDescent() {
    }

    /** The total number of rows the measurements imply: each sum of a table of c cells has variance c sigma^2. */
    public static double total(List<Measurement> measurements) {
        double num = 0;
        double den = 0;
        for (Measurement m : measurements) {
            double s = 0;
            for (double v : m.y) {
                s += v;
            }
            double w = 1 / (m.sigma * m.sigma * m.y.length);
            num += w * s;
            den += w;
        }
        return Math.max(1, num / den);
    }

    /**
     * @param tree       a junction tree in which every measurement's attributes lie inside one node
     * @param warm       potentials to start from (of the same tree), or null for uniform
     * @param iterations mirror-descent steps
     */
    public static MarginalModel fit(JunctionTree tree, List<Measurement> measurements, double total, Factor[] warm,
            int iterations) {
        int m = tree.nodes.size();
        int[] home = new int[measurements.size()];
        int[][] maps = new int[measurements.size()][];
        for (int k = 0; k < home.length; k++) {
            home[k] = tree.nodeHolding(measurements.get(k).attrs);
            if (home[k] < 0) {
                throw new IllegalArgumentException("a measurement outside the tree");
            }
        }
        Factor[] theta = warm != null ? copy(warm) : MarginalModel.uniform(tree);
        Factor[] mu = MarginalModel.beliefs(tree, theta, total);
        for (int k = 0; k < home.length; k++) {
            maps[k] = mu[home[k]].indexInto(measurements.get(k).attrs);
        }
        Factor[] grad = new Factor[m];
        double loss = lossAndGradient(mu, measurements, home, maps, grad);
        double alpha = 1.0 / (total * total);
        for (int t = 0; t < iterations && loss > 0; t++) {
            alpha *= 2;
            Factor[] nextTheta = null;
            Factor[] nextMu = null;
            Factor[] nextGrad = new Factor[m];
            double nextLoss = loss;
            for (int ls = 0; ls < 25; ls++) {
                nextTheta = copy(theta);
                for (int i = 0; i < m; i++) {
                    double[] th = nextTheta[i].values;
                    double[] g = grad[i].values;
                    for (int c = 0; c < th.length; c++) {
                        th[c] -= alpha * g[c];
                    }
                }
                nextMu = MarginalModel.beliefs(tree, nextTheta, total);
                nextLoss = lossAndGradient(nextMu, measurements, home, maps, nextGrad);
                double decrease = 0;
                for (int i = 0; i < m; i++) {
                    double[] g = grad[i].values;
                    double[] a = mu[i].values;
                    double[] b = nextMu[i].values;
                    for (int c = 0; c < g.length; c++) {
                        decrease += g[c] * (a[c] - b[c]);
                    }
                }
                if (loss - nextLoss >= 0.5 * alpha * decrease) {
                    break;
                }
                alpha *= 0.5;
            }
            if (nextLoss > loss) {
                break;
            }
            theta = nextTheta;
            mu = nextMu;
            grad = nextGrad;
            loss = nextLoss;
        }
        return new MarginalModel(tree, theta, total);
    }

    private static double lossAndGradient(Factor[] mu, List<Measurement> measurements, int[] home, int[][] maps,
            Factor[] grad) {
        for (int i = 0; i < mu.length; i++) {
            grad[i] = new Factor(mu[i].attrs, mu[i].sizes, new double[mu[i].values.length]);
        }
        double loss = 0;
        for (int k = 0; k < home.length; k++) {
            Measurement meas = measurements.get(k);
            Factor node = mu[home[k]];
            int[] map = maps[k];
            double[] fine = new double[meas.coarseCell.length];
            for (int c = 0; c < node.values.length; c++) {
                fine[map[c]] += node.values[c];
            }
            double[] coarse = meas.apply(fine);
            double inv = 1 / meas.sigma;
            double[] diff = new double[coarse.length];
            for (int j = 0; j < coarse.length; j++) {
                diff[j] = inv * (coarse[j] - meas.y[j]);
                loss += 0.5 * diff[j] * diff[j];
            }
            double[] g = grad[home[k]].values;
            for (int c = 0; c < g.length; c++) {
                g[c] += inv * diff[meas.coarseCell[map[c]]];
            }
        }
        return loss;
    }

    private static Factor[] copy(Factor[] f) {
        Factor[] out = new Factor[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i].copy();
        }
        return out;
    }
}
