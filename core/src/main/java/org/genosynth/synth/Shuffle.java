package org.genosynth.synth;

import java.util.SplittableRandom;

/** Seeded Fisher–Yates shuffles, so every random order in synthesis is drawn the same way. */
final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code a} in place with {@code random}; returns it. */
    static int[] inPlace(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** {@code 0 .. n-1} in a random order drawn from {@code random}. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        java.util.Arrays.setAll(a, i -> i);
        return inPlace(a, random);
    }
}
