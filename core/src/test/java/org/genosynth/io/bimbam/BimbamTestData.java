package org.genosynth.io.bimbam;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.SharedData;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.VariantBlock;

/** The mouse BIMBAM set, read once per test run. */
final class BimbamTestData {
    private static Cohort mouse;

    private BimbamTestData() {
    }

    /** All blocks and the sample sheet of one reader. */
    record Cohort(SampleSheet sheet, List<VariantBlock> blocks, List<String> notes) {
        int variantCount() {
            return blocks.stream().mapToInt(VariantBlock::variantCount).sum();
        }
    }

    static synchronized Cohort mouse() {
        if (mouse == null) {
            mouse = readAll(BimbamReader.open(SharedData.mouse(".geno.txt.gz"), null, null));
        }
        return mouse;
    }

    static Cohort readAll(GenotypeReader reader) {
        try (reader) {
            List<VariantBlock> blocks = new ArrayList<>();
            VariantBlock b;
            while ((b = reader.nextBlock(1000)) != null) {
                blocks.add(b);
            }
            return new Cohort(reader.sampleSheet(), blocks, reader.notes());
        }
    }
}
