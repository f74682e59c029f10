package org.genosynth.io.bimbam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.SharedData;
import org.genosynth.io.TextInput;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BimbamRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void mouseSetSurvivesWriteAndReadExactly() throws IOException {
        BimbamTestData.Cohort original = BimbamTestData.mouse();
        List<Path> files;
        try (GenotypeWriter w = BimbamWriter.create(dir.resolve("copy.geno.txt.gz"), original.sheet())) {
            original.blocks().forEach(w::write);
            files = w.commit();
            assertThat(w.variantsWritten()).isEqualTo(12_226);
        }
        assertThat(files).containsExactly(dir.resolve("copy.geno.txt.gz"), dir.resolve("copy.anno.txt"),
                dir.resolve("copy.fam"));
        assertThat(TextInput.isGzipped(files.get(0))).isTrue();
        assertThat(TextInput.isGzipped(files.get(1))).isFalse();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }

        BimbamTestData.Cohort copy = BimbamTestData.readAll(BimbamReader.open(files.get(0), null, null));
        assertThat(copy.sheet().samples()).isEqualTo(original.sheet().samples());
        assertThat(copy.sheet().columns().names()).isEqualTo(original.sheet().columns().names());
        for (int c = 0; c < original.sheet().columns().columnCount(); c++) {
            assertThat(Arrays.equals(copy.sheet().columns().column(c), original.sheet().columns().column(c)))
                    .as("sample column %d", c).isTrue();
        }
        assertThat(copy.variantCount()).isEqualTo(original.variantCount());
        for (int b = 0; b < original.blocks().size(); b++) {
            VariantBlock x = original.blocks().get(b);
            VariantBlock y = copy.blocks().get(b);
            assertThat(y.variants()).isEqualTo(x.variants());
            assertThat(y.genotypeWords()).isEqualTo(x.genotypeWords());
            for (int i = 0; i < x.variantCount(); i++) {
                assertThat(y.dosages(i)).isEqualTo(x.dosages(i));
            }
        }
    }

    @Test
    void genotypeAndAnnotationTextIsReproducedVerbatim() throws IOException {
        BimbamTestData.Cohort original = BimbamTestData.mouse();
        Path geno;
        try (GenotypeWriter w = BimbamWriter.create(dir.resolve("text"), original.sheet())) {
            original.blocks().forEach(w::write);
            geno = w.commit().get(0);
        }
        assertSameLines(SharedData.mouse(".geno.txt.gz"), geno);
        // the mouse annotation is not in genotype order; the written one follows the genotype rows
        assertThat(sortedLines(dir.resolve("text.anno.txt"))).isEqualTo(sortedLines(SharedData.mouse(".anno.txt.gz")));
    }

    private static List<String> sortedLines(Path p) throws IOException {
        try (BufferedReader r = TextInput.openReader(p)) {
            return r.lines().sorted().toList();
        }
    }

    private static void assertSameLines(Path expected, Path actual) throws IOException {
        try (BufferedReader a = TextInput.openReader(expected); BufferedReader b = TextInput.openReader(actual)) {
            long line = 0;
            String x;
            while ((x = a.readLine()) != null) {
                line++;
                String y = b.readLine();
                if (!x.equals(y)) {
                    assertThat(y).as(actual + " line " + line).isEqualTo(x);
                }
            }
            assertThat(b.readLine()).as("extra lines in " + actual).isNull();
        }
    }
}
