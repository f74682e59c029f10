package org.genosynth.report.svg;

import java.math.BigDecimal;

/** Axis ticks at 1, 2 or 5 times a power of ten, covering a range with about five steps. */
final class Ticks {
    private Ticks() {
    }

    /** Tick values from a multiple of the step at or below {@code lo} to one at or above {@code hi}. */
    static double[] nice(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 0)) {
            return new double[] {lo, lo + 1};
        }
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step + 1e-9) * step;
        int n = (int) Math.ceil((hi - start) / step - 1e-9) + 1;
        double[] t = new double[Math.max(2, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    /** The label of tick {@code v}, with as many decimals as the step needs. */
    static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(v) < step * 1e-6) {
            v = 0;
        }
        if (Math.abs(v) >= 1e6 || (v != 0 && Math.abs(v) < 1e-4)) {
            return String.format(java.util.Locale.ROOT, "%.1e", v);
        }
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
