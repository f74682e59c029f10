package org.genosynth.synth;

import java.util.HashMap;
import java.util.Map;
import org.genosynth.assoc.lmm.LmmEngine;

/**
 * The space in which the LMM reads a phenotype: with the synthetic relatedness matrix {@code K = U S U'} (eigenvalues
 * scaled to average 1) and a heritability {@code h2}, the phenotype's covariance is {@code V = h2 K + (1 - h2) I},
 * and the LMM's Wald statistics are correlations after whitening by {@code V^-1/2}. Vectors of that space are held in
 * eigen coordinates: {@code whiten(v) = D^1/2 U' v} with {@code D = diag(1 / (h2 s + 1 - h2))}, and a whitened vector
 * goes back to the samples as {@code U D^-1/2 w}. White noise there is a draw of covariance V on the samples: the
 * polygenic background that the relatedness matrix explains, as the LMM models it.
 *
 * <p>The eigenvectors are rounded to 6 significant digits (native LAPACK's last bits vary between runs), so the values
 * built from them are the same bytes from run to run.
 */
final class RelatednessWhitening {
    private final int[] rows;
    private final double[] values;
    private final double[] vectors;
    private final Map<Integer, double[]> eigenCoordinates = new HashMap<>();
    private final double[] intercept;

    RelatednessWhitening(LmmEngine.Spectrum spectrum) {
        this.rows = spectrum.rows();
        int n = rows.length;
        this.values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.max(0, PhenotypeSynthesis.stable(spectrum.values()[i]));
        }
        this.vectors = new double[n * n];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = roundTo6(spectrum.vectors()[i]);
        }
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1);
        this.intercept = transposeTimes(one);
    }

    /** The samples (rows of the cohort, ascending) this space is over. */
    int[] rows() {
        return rows;
    }

    /** The whitened intercept at {@code h2}, in eigen coordinates. */
    double[] intercept(double h2) {
        return scaled(intercept, h2, 0.5);
    }

    /** {@code D^1/2 U' v} at {@code h2}; {@code key} names v ({@code U' v} is kept for the next call). */
    double[] whiten(int key, double[] v, double h2) {
        return scaled(eigenCoordinates.computeIfAbsent(key, k -> transposeTimes(v)), h2, 0.5);
    }

    /** {@code U D^-1/2 w} at {@code h2}: a whitened vector back on the samples. */
    double[] unwhiten(double[] w, double h2) {
        int n = rows.length;
        double[] scaled = scaled(w, h2, -0.5);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double c = scaled[i];
            if (c == 0) {
                continue;
            }
            int off = i * n;
            for (int r = 0; r < n; r++) {
                out[r] += c * vectors[off + r];
            }
        }
        return out;
    }

    /** {@code diag((h2 s + 1 - h2)^-power) v}, power 0.5 or -0.5. */
    private double[] scaled(double[] v, double h2, double power) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double sd = Math.sqrt(h2 * values[i] + 1 - h2);
            out[i] = power > 0 ? v[i] / sd : v[i] * sd;
        }
        return out;
    }

    /** {@code U' v}. */
    private double[] transposeTimes(double[] v) {
        int n = rows.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * n;
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += vectors[off + r] * v[r];
            }
            out[i] = s;
        }
        return out;
    }

    /** {@code v} to 6 significant digits (as {@link PhenotypeSynthesis#stable}, without its BigDecimal). */
    static double roundTo6(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        int exponent = (int) StrictMath.floor(StrictMath.log10(Math.abs(v)));
        double factor = StrictMath.pow(10, 5 - exponent);
        return Math.rint(v * factor) / factor;
    }
}
