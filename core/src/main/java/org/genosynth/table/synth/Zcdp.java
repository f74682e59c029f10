package org.genosynth.table.synth;

/**
 * Privacy accounting in zero-concentrated differential privacy (Bun and Steinke 2016): a Gaussian count query of L2
 * sensitivity 1 with noise sigma costs {@code rho = 1 / (2 sigma^2)}; an exponential-mechanism selection that is
 * epsilon-DP costs {@code epsilon^2 / 8} (Cesar and Rogers 2021, bounded range); costs add up. rho-zCDP implies
 * (epsilon, delta)-DP by the conversion of Canonne, Kamath and Steinke (2020, Proposition 12), as Private-PGM's
 * {@code cdp2adp} computes it; the classic bound {@code epsilon = rho + 2 sqrt(rho ln(1/delta))} is looser.
 */
final class Zcdp {
    private Zcdp() {
    }

    /** The smallest delta for which rho-zCDP implies (eps, delta)-DP (CKS 2020). */
    static double delta(double rho, double eps) {
        if (rho <= 0) {
            return 0;
        }
        double amin = 1.01;
        double amax = (eps + 1) / (2 * rho) + 2;
        double alpha = amin;
        for (int i = 0; i < 1000; i++) {
            alpha = (amin + amax) / 2;
            double derivative = (2 * alpha - 1) * rho - eps + Math.log1p(-1.0 / alpha);
            if (derivative < 0) {
                amin = alpha;
            } else {
                amax = alpha;
            }
        }
        double d = Math.exp((alpha - 1) * (alpha * rho - eps) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1.0);
        return Math.min(d, 1.0);
    }

    /** The largest rho whose conversion gives (eps, delta)-DP. */
    static double rho(double eps, double delta) {
        double lo = 0;
        double hi = eps + 1;
        for (int i = 0; i < 1000; i++) {
            double mid = (lo + hi) / 2;
            if (delta(mid, eps) <= delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The classic conversion {@code rho + 2 sqrt(rho ln(1/delta))}. */
    static double classicEpsilon(double rho, double delta) {
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }
}
