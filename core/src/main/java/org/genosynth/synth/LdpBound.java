package org.genosynth.synth;

import java.util.Locale;
import org.genosynth.io.InputException;

/**
 * The largest {@code --epsilon} of {@code --method ldp} that does not publish real genomes unchanged. Randomized
 * response keeps a genotype with probability {@code k = e^eps / (e^eps + 2)}, so a genome of M variants comes out an
 * exact copy of its real base with probability {@code k^M}, and among the cohort's N real genomes (each the base of at
 * most one synthetic genome) {@code N k^M} copies are expected. The bound is the epsilon at which that expectation
 * reaches 1: {@code eps_max = ln(2 / (N^(1/M) - 1))}; at or above it the run is refused.
 */
final class LdpBound {
    private LdpBound() {
    }

    /** The epsilon at which {@code genomes} real genomes of {@code variants} variants give 1 expected exact copy. */
    static double maxEpsilon(long variants, long genomes) {
        return Math.log(2 / Math.expm1(Math.log(genomes) / variants));
    }

    /** The expected number of the {@code genomes} synthetic genomes that are exact copies of their real bases. */
    static double expectedCopies(double epsilon, long variants, long genomes) {
        double change = 2 * Math.exp(-epsilon) / (1 + 2 * Math.exp(-epsilon));
        return genomes * Math.exp(variants * Math.log1p(-change));
    }

    /** Refuses {@code epsilon} when the expected number of exact copies is 1 or more. */
    static void check(double epsilon, long variants, long genomes) {
        double copies = expectedCopies(epsilon, variants, genomes);
        if (copies >= 1) {
            double max = maxEpsilon(variants, genomes);
            throw InputException.usage(String.format(Locale.ROOT, "--epsilon %s is too large for --method ldp on "
                    + "%d genomes x %d variants: randomized response would keep every genotype of about %.0f of them, "
                    + "publishing exact copies of real genomes; epsilon must stay below %.2f, where the expected number "
                    + "of exact copies reaches 1 (docs/synth.md, ldp)", plain(epsilon), genomes, variants,
                    copies, max));
        }
    }

    /** Plain number text: 1000 rather than 1000.0, 1.0E308 as 1e308. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v).replace(".0E", "e").replace("E", "e");
    }
}
