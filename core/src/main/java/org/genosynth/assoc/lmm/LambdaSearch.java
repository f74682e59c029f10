package org.genosynth.assoc.lmm;

/**
 * GEMMA's CalcLambda: the derivative of the (restricted) log-likelihood is evaluated at the ends of {@code regions}
 * log-spaced intervals of [lmin, lmax]; in every interval where it changes sign a root is bracketed with GSL's Brent
 * solver (stopping at a relative interval width of 0.1) and polished with GSL's Newton solver (stopping when a step is
 * below 1e-5 relative); as GEMMA does, the iterate before the last Newton step is kept. The best root is compared with
 * both ends. Reproduced step by step (including GSL's Brent iteration) so that lambda, and hence every p-value,
 * matches GEMMA's to rounding.
 */
final class LambdaSearch {
    private static final double DBL_EPSILON = 2.2204460492503131e-16;
    private static final int MAX_ITER = 100;

    private LambdaSearch() {
    }

    /** Returns {lambda, log-likelihood}; both NaN when Newton fails, as in GEMMA. */
    static double[] search(Likelihood lk, boolean reml, LambdaGrid grid, int regions) {
        double lmin = grid.lambdas[0];
        double lmax = grid.lambdas[grid.maxIndex];
        double lambda = Double.NaN;
        double logf = Double.NaN;
        boolean any = false;
        int iter = 0;
        double[] d12 = new double[2];
        for (int r = 0; r < regions; r++) {
            double dl = lk.gridDev1(reml, r);
            double dh = lk.gridDev1(reml, r + 1);
            if (!(dl * dh <= 0)) {
                continue;
            }
            // Brent (gsl_root_fsolver_brent), test_interval(lower, upper, 0, 1e-1)
            double a = grid.lambdas[r];
            double fa = dl;
            double b = grid.lambdas[r + 1];
            double fb = dh;
            double c = b;
            double fc = fb;
            double d = b - a;
            double e = b - a;
            double lower = a;
            double upper = b;
            double l = 0.5 * (a + b);
            boolean cont;
            do {
                iter++;
                // ---- brent_iterate ----
                boolean acEqual = false;
                boolean done = false;
                if ((fb < 0 && fc < 0) || (fb > 0 && fc > 0)) {
                    acEqual = true;
                    c = a;
                    fc = fa;
                    d = b - a;
                    e = b - a;
                }
                if (Math.abs(fc) < Math.abs(fb)) {
                    acEqual = true;
                    a = b;
                    b = c;
                    c = a;
                    fa = fb;
                    fb = fc;
                    fc = fa;
                }
                double tol = 0.5 * DBL_EPSILON * Math.abs(b);
                double mid = 0.5 * (c - b);
                if (fb == 0) {
                    l = b;
                    lower = b;
                    upper = b;
                    done = true;
                } else if (Math.abs(mid) <= tol) {
                    l = b;
                    lower = Math.min(b, c);
                    upper = Math.max(b, c);
                    done = true;
                }
                if (!done) {
                    if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
                        d = mid;
                        e = mid;
                    } else {
                        double pv;
                        double q;
                        double s = fb / fa;
                        if (acEqual) {
                            pv = 2 * mid * s;
                            q = 1 - s;
                        } else {
                            q = fa / fc;
                            double rr = fb / fc;
                            pv = s * (2 * mid * q * (q - rr) - (b - a) * (rr - 1));
                            q = (q - 1) * (rr - 1) * (s - 1);
                        }
                        if (pv > 0) {
                            q = -q;
                        } else {
                            pv = -pv;
                        }
                        if (2 * pv < Math.min(3 * mid * q - Math.abs(tol * q), Math.abs(e * q))) {
                            e = d;
                            d = pv / q;
                        } else {
                            d = mid;
                            e = mid;
                        }
                    }
                    a = b;
                    fa = fb;
                    if (Math.abs(d) > tol) {
                        b += d;
                    } else {
                        b += mid > 0 ? +tol : -tol;
                    }
                    fb = lk.dev1(reml, b);
                    if (!Double.isFinite(fb)) {
                        break; // GSL_EBADFUNC: GEMMA warns and goes on to Newton
                    }
                    l = b;
                    double cc = c;
                    if ((fb < 0 && fc < 0) || (fb > 0 && fc > 0)) {
                        cc = a;
                    }
                    lower = Math.min(b, cc);
                    upper = Math.max(b, cc);
                }
                cont = !testInterval(lower, upper, 0.1);
            } while (cont && iter < MAX_ITER);

            iter = 0;
            // Newton (gsl_root_fdfsolver_newton), test_delta(l, l_temp, 0, 1e-5)
            double lTemp = 0;
            lk.dev12(reml, l, d12);
            double f = d12[0];
            double df = d12[1];
            int status; // 0 success, 1 continue, 2 error
            do {
                iter++;
                if (df == 0.0) {
                    status = 2;
                    break;
                }
                double root = l - f / df;
                lk.dev12(reml, root, d12);
                f = d12[0];
                df = d12[1];
                if (!Double.isFinite(f) || !Double.isFinite(df)) {
                    status = 2;
                    break;
                }
                lTemp = l;
                l = root;
                status = (Math.abs(l - lTemp) < 1e-5 * Math.abs(l) || l == lTemp) ? 0 : 1;
            } while (status == 1 && iter < MAX_ITER && l > lmin && l < lmax);
            if (status != 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            l = lTemp;
            if (l < lmin) {
                l = lmin;
            }
            if (l > lmax) {
                l = lmax;
            }
            double value = lk.value(reml, l);
            if (!any || logf < value) {
                logf = value;
                lambda = l;
            }
            any = true;
        }
        double fMin = lk.valueAtGrid(reml, 0);
        double fMax = lk.valueAtGrid(reml, grid.maxIndex);
        if (!any) {
            return fMin >= fMax ? new double[] {lmin, fMin} : new double[] {lmax, fMax};
        }
        if (fMin > logf) {
            lambda = lmin;
            logf = fMin;
        }
        if (fMax > logf) {
            lambda = lmax;
            logf = fMax;
        }
        return new double[] {lambda, logf};
    }

    /** gsl_root_test_interval with epsabs 0. */
    private static boolean testInterval(double lower, double upper, double epsRel) {
        double minAbs = (lower > 0 && upper > 0) || (lower < 0 && upper < 0)
                ? Math.min(Math.abs(lower), Math.abs(upper)) : 0;
        return Math.abs(upper - lower) < epsRel * minAbs;
    }
}
