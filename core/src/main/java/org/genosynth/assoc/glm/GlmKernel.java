package org.genosynth.assoc.glm;

import org.genosynth.exec.BlockKernel;
import org.genosynth.model.VariantBlock;

/**
 * The linear or logistic tests of a block, each run of variants on one {@link ChromosomeKind} by that kind's
 * {@link GlmDesign} (a block may span chromosomes). Built by {@link GlmDesigns}.
 */
final class GlmKernel implements BlockKernel<VariantBlock, GlmStats> {
    private static final long serialVersionUID = 1L;
    /** By {@link ChromosomeKind#ordinal()}; null where the kind is not tested (its variants never reach a kernel). */
    private final GlmDesign[] designs;

    GlmKernel(GlmDesign[] designs) {
        this.designs = designs.clone();
    }

    @Override
    public GlmStats apply(VariantBlock block) {
        int n = block.variantCount();
        GlmStats out = null;
        for (int from = 0; from < n; ) {
            ChromosomeKind kind = kind(block, from);
            int to = from + 1;
            while (to < n && kind(block, to) == kind) {
                to++;
            }
            GlmDesign design = designs[kind.ordinal()];
            if (design == null) {
                throw new IllegalStateException("variant " + block.variant(from) + " of a chromosome not tested");
            }
            GlmStats stats = design.test(block, from, to);
            if (from == 0 && to == n) {
                return stats;
            }
            out = out == null ? new GlmStats(n) : out;
            out.put(from, stats);
            from = to;
        }
        return out == null ? new GlmStats(0) : out;
    }

    private static ChromosomeKind kind(VariantBlock block, int v) {
        return ChromosomeKind.of(block.variant(v).chrom());
    }
}
