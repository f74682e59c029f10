package org.genosynth.pheno;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.genosynth.io.InputException;

/**
 * Binary traits from a liability: with a prevalence K, the {@code round(K n)} samples of highest liability are cases
 * (so the case fraction is K exactly, up to rounding to whole samples) and the threshold is reported as the midpoint
 * between the lowest case and the highest control. With exact counts (N cases, M controls), samples are split at the
 * threshold of prevalence K (default N/(N+M)) and N cases are drawn at random above it and M controls below it, as a
 * case-control study samples a population; the others get no phenotype. Coding: 1 = control, 2 = case (PLINK).
 */
public final class LiabilityThreshold {
    /** PLINK's code for a control. */
    public static final double CONTROL = 1;
    /** PLINK's code for a case. */
    public static final double CASE = 2;

    private LiabilityThreshold() {
    }

    /** The binary phenotype ({@code NaN} = not sampled or missing liability) and its counts. */
    public record Result(double[] phenotype, int cases, int controls, double threshold) {
    }

    /** Thresholds {@code liability} (NaN entries stay missing). */
    public static Result apply(double[] liability, PhenoSettings settings, SplittableRandom rng) {
        int[] observed = IntStream.range(0, liability.length).filter(i -> !Double.isNaN(liability[i])).toArray();
        Integer[] order = Arrays.stream(observed).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(liability[b], liability[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = order.length;
        double k = !Double.isNaN(settings.prevalence()) ? settings.prevalence()
                : settings.cases() / (double) (settings.cases() + settings.controls());
        int above = (int) Math.round(k * n);
        if (above == 0 || above == n) {
            throw InputException.usage("prevalence " + k + " of " + n + " samples leaves no " + (above == 0 ? "case"
                    : "control"));
        }
        double threshold = (liability[order[above - 1]] + liability[order[above]]) / 2;
        double[] y = new double[liability.length];
        Arrays.fill(y, Double.NaN);
        if (settings.cases() < 0) {
            for (int r = 0; r < n; r++) {
                y[order[r]] = r < above ? CASE : CONTROL;
            }
            return new Result(y, above, n - above, threshold);
        }
        int[] top = new int[above];
        int[] bottom = new int[n - above];
        for (int r = 0; r < n; r++) {
            if (r < above) {
                top[r] = order[r];
            } else {
                bottom[r - above] = order[r];
            }
        }
        if (settings.cases() > top.length || settings.controls() > bottom.length) {
            throw InputException.usage("--cases " + settings.cases() + " --controls " + settings.controls()
                    + ": at prevalence " + k + " the " + n + " samples hold " + top.length + " possible cases and "
                    + bottom.length + " possible controls");
        }
        for (int i : Rng.sample(rng, top, settings.cases())) {
            y[i] = CASE;
        }
        for (int i : Rng.sample(rng, bottom, settings.controls())) {
            y[i] = CONTROL;
        }
        return new Result(y, settings.cases(), settings.controls(), threshold);
    }
}
