package org.genosynth.assoc.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.eval.fidelity.PcaStructure;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.RandomGenotypes;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;

/**
 * Projection onto a PCA model when the variant IDs do not identify variants: array data and VCFs without rsIDs have
 * every ID {@code .}, merged files repeat IDs. {@code evaluate} projects cohorts it has aligned on the real cohort's
 * variants; matched by ID, all but one (or half) of the variants were left out, every score fell to ~0 and
 * {@code pca_ks_distance} read 0 (a pass) whatever the synthetic cohort.
 */
class PcaProjectionIdsTest {
    private static GenotypeMatrix renamed(GenotypeMatrix g, IntFunction<String> id) {
        List<Variant> vs = new ArrayList<>();
        for (int v = 0; v < g.variantCount(); v++) {
            Variant x = g.variants().get(v);
            vs.add(new Variant(x.chrom(), x.position(), id.apply(v), x.ref(), x.alt(), x.centimorgan()));
        }
        return new GenotypeMatrix(g.samples(), vs, g.words(), null);
    }

    @Test
    void ownVariantsAreMatchedOneByOneWhateverTheirIds() {
        GenotypeMatrix g = RandomGenotypes.unrelated(200, 1500, 0.01, 3);
        double[] reference = Pca.exact(Standardized.of(g), 4).model().project(g).coordinates();
        for (IntFunction<String> id : List.<IntFunction<String>>of(v -> ".", v -> "rs" + v / 2)) {
            GenotypeMatrix r = renamed(g, id);
            PcaModel.Projection p = Pca.exact(Standardized.of(r), 4).model().project(r);
            assertThat(p.match().matched()).isEqualTo(1500);
            assertThat(p.match().unmatched()).isZero();
            for (int i = 0; i < reference.length; i++) {
                assertThat(p.coordinates()[i]).isCloseTo(reference[i], within(1e-9));
            }
        }
    }

    @Test
    void pcaKsOfAlignedCohortsDoesNotDependOnIds() {
        GenotypeMatrix train = RandomGenotypes.unrelated(200, 1500, 0, 3);
        GenotypeMatrix other = RandomGenotypes.unrelated(150, 1500, 0, 4);   // other allele frequencies
        PcaStructure unique = PcaStructure.of(train, other, null, 1, null);
        assertThat(unique.meanKs()).isGreaterThan(0.1);
        for (IntFunction<String> id : List.<IntFunction<String>>of(v -> ".", v -> "rs" + v / 2)) {
            PcaStructure p = PcaStructure.of(renamed(train, id), renamed(other, id), null, 1, null);
            assertThat(p.meanKs()).isCloseTo(unique.meanKs(), within(1e-12));
        }
    }
}
