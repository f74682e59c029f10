package org.genosynth.assoc.lmm;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/** Upper-tail probabilities computed from the tail itself (GSL's formulation), accurate for tiny p. */
final class UpperTails {
    private UpperTails() {
    }

    /** P(F(nu1, nu2) > x), as gsl_cdf_fdist_Q. */
    static double fUpper(double x, double nu1, double nu2) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        // Q = I_u(nu2/2, nu1/2) with u = nu2 / (nu2 + nu1 x): the tail itself, never 1 - (a number near 1) when Q
        // is small (hipparchus evaluates the continued fraction directly while u < (a+1)/(a+b+2), i.e. for small Q)
        double u = nu2 / (nu2 + x * nu1);
        return Beta.regularizedBeta(u, nu2 / 2, nu1 / 2);
    }

    /** P(chi-square(df) > x), as gsl_cdf_chisq_Q. */
    static double chiSquareUpper(double x, double df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2, x / 2);
    }
}
