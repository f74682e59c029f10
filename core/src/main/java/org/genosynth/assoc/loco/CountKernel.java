package org.genosynth.assoc.loco;

import java.io.Serial;
import org.genosynth.exec.BlockKernel;
import org.genosynth.model.GenotypeCodes;

/** Per variant of a slab, the number of samples with code 0, 1, 2 and missing (4 numbers a variant). */
final class CountKernel implements BlockKernel<SnpSlab, int[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public int[] apply(SnpSlab slab) {
        int[] out = new int[4 * slab.count()];
        int wpv = slab.wordsPerVariant();
        for (int v = 0; v < slab.count(); v++) {
            int[] c = GenotypeCodes.counts(slab.words(), slab.wordOffset() + v * wpv, slab.samples());
            System.arraycopy(c, 0, out, 4 * v, 4);
        }
        return out;
    }
}
