package org.genosynth.synth;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.eval.privacy.PrivacySection;
import org.genosynth.exec.Backend;
import org.genosynth.io.InputException;

/**
 * Rejection of synthetic genomes too close to a real one: each candidate genome is built whole and compared with every
 * real genome ({@link KinshipGuard}); a candidate at KING kinship {@code >= threshold} to any real genome, or an exact
 * copy, is redrawn (next attempt: a new path and new noise). Samples are checked in parallel; each sample's attempts
 * are a function of the sample alone, so the outcome does not depend on the thread count.
 */
final class KinshipCheck {
    private static final int SAMPLES_PER_TASK = 16;

    /** Candidates rejected and the largest kinship among accepted genomes. */
    record Outcome(int rejected, double maxKinship) {
    }

    private KinshipCheck() {
    }

    /** Inner holdout genomes judged at most; larger cohorts are subsampled. */
    static final int NEAREST_RELATIVE_SAMPLES = 500;
    /** Word operations above which {@link #nearestRelatives} is not measured. */
    static final double NEAREST_RELATIVE_WORK = 4e9;

    /**
     * How related the cohort is: over the genomes of a seeded inner 30 % (at most {@value #NEAREST_RELATIVE_SAMPLES}),
     * the KING-robust kinship (or IBS share) to the closest genome of the other 70 %, its median and maximum; NaN both
     * when the cohort is too large to measure ({@link #NEAREST_RELATIVE_WORK}). An unseen member of a cohort is at
     * about the median to its closest training genome: about 0 among unrelated people, 0.25 in a colony of sibships.
     */
    record NearestRelatives(double median, double max) {
    }

    static NearestRelatives nearestRelatives(org.genosynth.model.GenotypeMatrix train, boolean ibs, long seed,
            Backend backend) {
        int n = train.sampleCount();
        int[] order = Shuffle.permutation(n, new java.util.SplittableRandom(RowBuilder.mix(seed, 0x4E4EL)));
        int nFit = (int) Math.round(0.7 * n);
        int nHold = Math.min(NEAREST_RELATIVE_SAMPLES, n - nFit);
        if (nFit < 1 || nHold < 1
                || (double) nFit * nHold * DonorPanel.rowWords(train.variantCount()) > NEAREST_RELATIVE_WORK) {
            return new NearestRelatives(Double.NaN, Double.NaN);
        }
        int[] fit = java.util.Arrays.copyOf(order, nFit);
        int[] hold = java.util.Arrays.copyOfRange(order, nFit, nFit + nHold);
        java.util.Arrays.sort(fit);
        java.util.Arrays.sort(hold);
        KinshipGuard guard = new KinshipGuard(DonorPanel.of(InnerSplit.subset(train, fit)), ibs);
        DonorPanel held = DonorPanel.of(InnerSplit.subset(train, hold));
        int rw = held.rowWords();
        double[] closest = new double[nHold];
        List<int[]> tasks = new ArrayList<>();
        for (int s = 0; s < nHold; s += SAMPLES_PER_TASK) {
            tasks.add(new int[] {s, Math.min(nHold, s + SAMPLES_PER_TASK)});
        }
        { // the caller's backend (its context closes it)
            backend.mapOrdered(tasks.iterator(), t -> {
                double[] out = new double[t[1] - t[0]];
                for (int s = t[0]; s < t[1]; s++) {
                    out[s - t[0]] = guard.closest(java.util.Arrays.copyOfRange(held.rows(), s * rw, (s + 1) * rw))
                            .kinship();
                }
                return new Object[] {t, out};
            }, r -> System.arraycopy((double[]) r[1], 0, closest, ((int[]) r[0])[0], ((double[]) r[1]).length));
        }
        java.util.Arrays.sort(closest);
        return new NearestRelatives(
                nHold % 2 == 1 ? closest[nHold / 2] : 0.5 * (closest[nHold / 2 - 1] + closest[nHold / 2]),
                closest[nHold - 1]);
    }

    /**
     * The check's bound: {@code --max-kinship}, raised to the cohort's typical nearest-relative kinship with
     * {@code auto}, and with {@code auto} lowered to second degree ({@link PrivacySection#SECOND_DEGREE}) where every
     * inner-holdout genome's closest training genome is below it: then unseen real people have no second-degree
     * relative in the cohort, and {@code evaluate} passes the maximum kinship to a training genome only below second
     * degree (measured on a 600 x 5,000 `plink2 --dummy` cohort, no LD: the HMM's genomes reached 0.0885 under the
     * first-degree bound, a warn). With identity by state ({@code ibs}), the cohort's typical nearest-relative IBS
     * share (exact copies only when it is not measured).
     *
     * @param cohort the median nearest-relative kinship (NaN when not measured)
     * @param unrelated true when the bound was lowered to second degree
     */
    record Bound(double threshold, double cohort, boolean unrelated) {
        Bound(double threshold, double cohort) {
            this(threshold, cohort, false);
        }
    }

    static Bound bound(SynthRequest.Mosaic mosaic, org.genosynth.model.GenotypeMatrix train, boolean ibs, long seed,
            Backend backend) {
        double threshold = mosaic.maxKinship();
        NearestRelatives nearest = mosaic.kinshipFromCohort() ? nearestRelatives(train, ibs, seed, backend)
                : new NearestRelatives(Double.NaN, Double.NaN);
        double cohort = nearest.median();
        if (ibs) {
            threshold = Double.isNaN(cohort) ? Double.POSITIVE_INFINITY : cohort;
        } else if (cohort > threshold) {
            threshold = cohort;
        } else if (nearest.max() < PrivacySection.SECOND_DEGREE && threshold > PrivacySection.SECOND_DEGREE) {
            return new Bound(PrivacySection.SECOND_DEGREE, cohort, true);
        }
        return new Bound(threshold, cohort);
    }

    static Outcome run(RowBuilder builder, Synthesizer.PathSource source, GenomePath[] paths, int[] attempts,
            int[] popOf, double threshold, boolean ibs, Backend backend) {
        KinshipGuard guard = new KinshipGuard(builder.panel(), ibs);
        List<int[]> tasks = new ArrayList<>();
        for (int s = 0; s < paths.length; s += SAMPLES_PER_TASK) {
            tasks.add(new int[] {s, Math.min(paths.length, s + SAMPLES_PER_TASK)});
        }
        int[] rejected = {0};
        double[] max = {Double.NEGATIVE_INFINITY};
        { // the caller's backend (its context closes it)
            backend.mapOrdered(tasks.iterator(), t -> {
                Object[] out = new Object[4 * (t[1] - t[0])];
                for (int s = t[0]; s < t[1]; s++) {
                    GenomePath path = paths[s];
                    int a = 0;
                    KinshipGuard.Closest c;
                    while (true) {
                        c = guard.closest(builder.fullRow(path, s, a, popOf[s]));
                        if (c.kinship() < threshold && !c.exactCopy()) {
                            break;
                        }
                        if (++a >= Synthesizer.MAX_ATTEMPTS) {
                            throw InputException.usage(String.format(java.util.Locale.ROOT,
                                    "synthetic genome %d is still at " + (ibs ? "IBS share" : "kinship")
                                    + " %.3f to a real genome after %d attempts:"
                                    + " shorten --segment-cm / --max-segment-cm, raise --min-donors or --noise, or "
                                    + "raise --max-kinship", s + 1, c.kinship(), a));
                        }
                        path = source.draw(s, a);
                    }
                    int k = 4 * (s - t[0]);
                    out[k] = path;
                    out[k + 1] = a;
                    out[k + 2] = c.kinship();
                    out[k + 3] = s;
                }
                return out;
            }, out -> {
                for (int k = 0; k < out.length; k += 4) {
                    int s = (Integer) out[k + 3];
                    paths[s] = (GenomePath) out[k];
                    attempts[s] = (Integer) out[k + 1];
                    rejected[0] += attempts[s];
                    max[0] = Math.max(max[0], (Double) out[k + 2]);
                }
            });
        }
        return new Outcome(rejected[0], max[0]);
    }
}
