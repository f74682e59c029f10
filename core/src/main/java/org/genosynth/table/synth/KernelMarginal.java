package org.genosynth.table.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A smoothed marginal for the copula: values repeated often ({@link PointMasses}: at least 2% of the values and 5 times)
 * keep their mass as atoms; the rest is a Gaussian kernel density (Silverman's bandwidth times {@code scale}) cut to
 * the range of the non-atom values, so nothing falls between an atom outside that range (a 0 below values from 12 up)
 * and the nearest real value. The quantile function is tabulated on a grid and inverted by interpolation. A kernel density
 * does not put mass exactly on the training values, so synthetic rows are no closer to training rows than to unseen
 * ones, while rank correlations are untouched (the map is monotone).
 */
final class KernelMarginal {
    private static final int GRID = 1024;

    private final double[] x;
    private final double[] cdf;
    private final boolean[] atom;
    private final double[] below;

    KernelMarginal(double[] sorted, double scale) {
        int m = sorted.length;
        PointMasses masses = PointMasses.of(sorted);
        double lo = masses.low;
        double hi = masses.high;
        List<double[]> atoms = new ArrayList<>();
        for (int a = 0; a < masses.atoms.length; a++) {
            atoms.add(new double[] {masses.atoms[a], masses.shares[a]});
        }
        List<Double> rest = new ArrayList<>();
        for (double v : masses.rest) {
            rest.add(v);
        }
        double[] r = rest.stream().mapToDouble(Double::doubleValue).toArray();
        double h = r.length > 1 ? scale * SequentialCart.bandwidth(r, java.util.stream.IntStream.range(0, r.length)
                .toArray()) : 0;
        double restShare = r.length / (double) m;
        double[] grid = new double[GRID + 1 + atoms.size()];
        for (int g = 0; g <= GRID; g++) {
            grid[g] = lo + (hi - lo) * g / GRID;
        }
        for (int a = 0; a < atoms.size(); a++) {
            grid[GRID + 1 + a] = atoms.get(a)[0];
        }
        Arrays.sort(grid);
        x = Arrays.stream(grid).distinct().toArray();
        cdf = new double[x.length];
        atom = new boolean[x.length];
        below = new double[x.length];
        double kLo = kernelCdf(r, lo, h);
        double kHi = kernelCdf(r, hi, h);
        for (int g = 0; g < x.length; g++) {
            double cont = r.length == 0 || x[g] < lo ? 0 : x[g] >= hi ? 1
                    : kHi > kLo ? Math.min(1, Math.max(0, (kernelCdf(r, x[g], h) - kLo) / (kHi - kLo))) : 1;
            double atomsBelow = 0;
            double atomHere = 0;
            for (double[] a : atoms) {
                if (a[0] < x[g]) {
                    atomsBelow += a[1];
                } else if (a[0] == x[g]) {
                    atomHere = a[1];
                }
            }
            below[g] = restShare * cont + atomsBelow;
            cdf[g] = below[g] + atomHere;
            atom[g] = atomHere > 0;
        }
    }

    /** The empirical distribution function of {@code r} smoothed by a normal kernel of bandwidth h (step when 0). */
    private static double kernelCdf(double[] r, double v, double h) {
        double s = 0;
        for (double xi : r) {
            s += h > 0 ? Normal.cdf((v - xi) / h) : v >= xi ? 1 : 0;
        }
        return s / r.length;
    }

    double quantile(double u) {
        int g = Arrays.binarySearch(cdf, u);
        if (g < 0) {
            g = -g - 1;
        }
        if (g >= x.length) {
            return x[x.length - 1];
        }
        if (atom[g] && u >= below[g]) {
            return x[g];
        }
        if (g == 0) {
            return x[0];
        }
        double f0 = cdf[g - 1];
        double f1 = below[g];
        return f1 > f0 ? x[g - 1] + (u - f0) / (f1 - f0) * (x[g] - x[g - 1]) : x[g];
    }
}
