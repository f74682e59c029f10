package org.genosynth.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalPoolsTest {
    @Test
    void selectionMovesTheKSmallestToTheFront() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + r.nextInt(300);
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(trial % 2 == 0 ? 10 : 1_000_000); // many ties on even trials
            }
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = 1 + r.nextInt(n);
            LocalPools.Selection.smallest(a, n, k);
            long[] front = Arrays.copyOf(a, k);
            Arrays.sort(front);
            assertThat(front).as("n %d k %d", n, k).containsExactly(Arrays.copyOf(sorted, k));
        }
    }

    @Test
    void poolsAreTheNearestNeighboursOfTheAnchorWithoutTheAnchor() {
        // 100 samples on a line, one principal component: a pool is the 20 (MIN_POOL > 15 % of 100) nearest
        double[][] x = new double[100][];
        int[] members = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[] {i};
            members[i] = i;
        }
        LocalPools pools = LocalPools.of(x, new int[][] {members}, 3);
        assertThat(pools.pcs()).isEqualTo(1);
        assertThat(pools.poolSizeRange()).containsExactly(20, 20);
        for (int s = 0; s < 100; s++) {
            int[] pool = pools.pool(s, 0, 0);
            assertThat(pool).hasSize(20);
            // contiguous on the line (nearest neighbours), with exactly one gap: the anchor
            int span = pool[pool.length - 1] - pool[0];
            assertThat(span).as("pool %s", Arrays.toString(pool)).isBetween(19, 20);
        }
        // after LOCAL_ATTEMPTS rejections the whole population
        assertThat(pools.pool(5, LocalPools.LOCAL_ATTEMPTS, 0)).hasSize(100);
    }
}
