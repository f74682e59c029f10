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

    /**
     * Candidates rejected, the largest kinship among accepted genomes, and with a run check the candidates rejected
     * for an identical run over its bound and the genomes kept at their shortest run after every attempt.
     */
    record Outcome(int rejected, double maxKinship, int runRejected, int runUnmet) {
    }

    /**
     * The identical-run check: no synthetic genome shares a run of identical genotypes longer than {@code bound}
     * variants with any real genome ({@link IdenticalRuns}, on the variants' chromosomes).
     */
    record RunCheck(List<org.genosynth.model.Variant> variants, int bound) {
    }

    /** Training genomes whose longest identical run with the others is measured for the run bound, at most. */
    static final int RUN_BOUND_SAMPLES = 500;
    /** Word operations above which {@link #identicalRunBound} is not measured. */
    static final double RUN_BOUND_WORK = 4e9;

    /**
     * The identical-run bound: over a seeded sample of the training genomes (at most {@value #RUN_BOUND_SAMPLES}),
     * each one's longest run of identical genotypes with any other training genome, the median; 0 (no check) when the
     * cohort is too large to measure ({@link #RUN_BOUND_WORK}). A real genome shares a run that long with its closest
     * match in the cohort as often as not, so a synthetic genome held to it shares no run with a real one that the
     * real genomes do not share with each other: a copied segment does not stand out. Measured on human_1kg_chr20's
     * 352 training genomes: 800 variants (the holdout's longest runs with the training genomes: median 788).
     */
    static int identicalRunBound(org.genosynth.model.GenotypeMatrix train, long seed, Backend backend) {
        int n = train.sampleCount();
        int sampled = Math.min(RUN_BOUND_SAMPLES, n);
        if (n < 3 || (double) sampled * n * DonorPanel.rowWords(train.variantCount()) > RUN_BOUND_WORK) {
            return 0;
        }
        int[] order = Shuffle.permutation(n, new java.util.SplittableRandom(RowBuilder.mix(seed, 0x52554EL)));
        IdenticalRuns runs = new IdenticalRuns(DonorPanel.of(train), train.variants());
        int[] longest = new int[sampled];
        List<int[]> tasks = new ArrayList<>();
        for (int s = 0; s < sampled; s += SAMPLES_PER_TASK) {
            tasks.add(new int[] {s, Math.min(sampled, s + SAMPLES_PER_TASK)});
        }
        backend.mapOrdered(tasks.iterator(), t -> {
            int[] out = new int[t[1] - t[0]];
            for (int s = t[0]; s < t[1]; s++) {
                out[s - t[0]] = runs.longestWithOthers(order[s]);
            }
            return new Object[] {t, out};
        }, r -> System.arraycopy((int[]) r[1], 0, longest, ((int[]) r[0])[0], ((int[]) r[1]).length));
        java.util.Arrays.sort(longest);
        return longest[(sampled - 1) / 2];
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
        KinshipGuard guard = new KinshipGuard(DonorPanel.of(InnerSplit.subset(train, fit)), ibs, train.variants());
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
    record Bound(double threshold, double cohort, boolean unrelated, int identicalRun) {
        Bound(double threshold, double cohort) {
            this(threshold, cohort, false, 0);
        }

        Bound(double threshold, double cohort, boolean unrelated) {
            this(threshold, cohort, unrelated, 0);
        }

        /** The same bound with an identical-run bound ({@link #identicalRunBound}; 0: none). */
        Bound withIdenticalRun(int run) {
            return new Bound(threshold, cohort, unrelated, run);
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

    /**
     * Kinship measured on the autosomes of {@code variants} (the panel's), as evaluate measures it. With
     * {@code runCheck} (null: none), a candidate within the kinship bound is also redrawn while it shares a run of
     * identical genotypes longer than the check's bound with a real genome; when every attempt does, the attempt with
     * the shortest such run (within the kinship bound) is kept and counted as unmet.
     */
    static Outcome run(RowBuilder builder, Synthesizer.PathSource source, GenomePath[] paths, int[] attempts,
            int[] popOf, double threshold, boolean ibs, List<org.genosynth.model.Variant> variants, RunCheck runCheck,
            Backend backend) {
        KinshipGuard guard = new KinshipGuard(builder.panel(), ibs, variants);
        IdenticalRuns runs = runCheck == null ? null : new IdenticalRuns(builder.panel(), runCheck.variants());
        List<int[]> tasks = new ArrayList<>();
        for (int s = 0; s < paths.length; s += SAMPLES_PER_TASK) {
            tasks.add(new int[] {s, Math.min(paths.length, s + SAMPLES_PER_TASK)});
        }
        int[] rejected = {0};
        double[] max = {Double.NEGATIVE_INFINITY};
        int[] runRejected = {0};
        int[] runUnmet = {0};
        { // the caller's backend (its context closes it)
            backend.mapOrdered(tasks.iterator(), t -> {
                Object[] out = new Object[6 * (t[1] - t[0])];
                for (int s = t[0]; s < t[1]; s++) {
                    GenomePath path = paths[s];
                    int a = 0;
                    KinshipGuard.Closest c;
                    int runsOver = 0;
                    boolean unmet = false;
                    int shortest = Integer.MAX_VALUE;
                    GenomePath shortestPath = null;
                    int shortestAttempt = 0;
                    KinshipGuard.Closest shortestClosest = null;
                    while (true) {
                        long[] row = builder.fullRow(path, s, a, popOf[s]);
                        c = guard.closest(row);
                        if (c.kinship() < threshold && !c.exactCopy()) {
                            if (runs == null) {
                                break;
                            }
                            int run = runs.longest(row);
                            if (run <= runCheck.bound()) {
                                break;
                            }
                            runsOver++;
                            if (run < shortest) {
                                shortest = run;
                                shortestPath = path;
                                shortestAttempt = a;
                                shortestClosest = c;
                            }
                        }
                        if (++a >= Synthesizer.MAX_ATTEMPTS && shortestPath != null) {
                            path = shortestPath; // within the kinship bound: the shortest run found
                            a = shortestAttempt;
                            c = shortestClosest;
                            unmet = true;
                            break;
                        }
                        if (a >= Synthesizer.MAX_ATTEMPTS) {
                            throw InputException.usage(String.format(java.util.Locale.ROOT,
                                    "synthetic genome %d is still at " + (ibs ? "IBS share" : "kinship")
                                    + " %.3f to a real genome after %d attempts:"
                                    + " shorten --segment-cm / --max-segment-cm, raise --min-donors or --noise, or "
                                    + "raise --max-kinship", s + 1, c.kinship(), a));
                        }
                        path = source.draw(s, a);
                    }
                    int k = 6 * (s - t[0]);
                    out[k] = path;
                    out[k + 1] = a;
                    out[k + 2] = c.kinship();
                    out[k + 3] = s;
                    out[k + 4] = runsOver;
                    out[k + 5] = unmet;
                }
                return out;
            }, out -> {
                for (int k = 0; k < out.length; k += 6) {
                    int s = (Integer) out[k + 3];
                    paths[s] = (GenomePath) out[k];
                    attempts[s] = (Integer) out[k + 1];
                    rejected[0] += attempts[s];
                    max[0] = Math.max(max[0], (Double) out[k + 2]);
                    runRejected[0] += (Integer) out[k + 4];
                    runUnmet[0] += (Boolean) out[k + 5] ? 1 : 0;
                }
            });
        }
        return new Outcome(rejected[0], max[0], runRejected[0], runUnmet[0]);
    }
}
