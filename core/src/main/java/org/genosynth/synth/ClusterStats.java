package org.genosynth.synth;

/**
 * The expected sufficient statistics of one EM step of the {@link ClusterModel}, summed over haplotypes or genotypes:
 * per population and (variant, cluster) the posterior weight of observed alleles, of ALT alleles, and the expected
 * number of jumps into the cluster. Sums are combined in a fixed order, so the fit does not depend on thread count.
 */
final class ClusterStats {
    final double[][] weight;
    final double[][] alt;
    final double[][] jumps;
    double logLikelihood;

    ClusterStats(int cells, int populations) {
        weight = new double[populations][cells];
        alt = new double[populations][cells];
        jumps = new double[populations][cells];
    }

    void add(ClusterStats o) {
        for (int p = 0; p < jumps.length; p++) {
            addTo(weight[p], o.weight[p]);
            addTo(alt[p], o.alt[p]);
            addTo(jumps[p], o.jumps[p]);
        }
        logLikelihood += o.logLikelihood;
    }

    private static void addTo(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
