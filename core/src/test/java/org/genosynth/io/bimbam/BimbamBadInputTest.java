package org.genosynth.io.bimbam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BimbamBadInputTest {
    @TempDir
    Path dir;

    @Test
    void raggedRow() throws IOException {
        Path geno = write("x.geno.txt", "rs1, A, G, 0, 1, 2\nrs2, A, G, 0, 1\n");
        assertReadFails(geno, null, null, "x.geno.txt:2", "expected 3 values (as on line 1), found 2");
    }

    @Test
    void nonNumericValue() throws IOException {
        Path geno = write("x.geno.txt", "rs1 A G 0 1 2\nrs2 A G 0 x 2\n");
        assertReadFails(geno, null, null, "x.geno.txt:2", "sample 2 (column 5)", "not a number: 'x'");
    }

    @Test
    void valueOutsideRange() throws IOException {
        Path geno = write("x.geno.txt", "rs1,A,G,0,1,2\nrs2,A,G,0,3.5,2\n");
        assertReadFails(geno, null, null, "x.geno.txt:2", "3.5 is outside 0..2");
    }

    @Test
    void truncatedGzip() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("rs").append(i).append(", A, G, 0, 1, 2, 0.5\n");
        }
        Path full = dir.resolve("full.geno.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.geno.txt.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = readFails(cut, null, null);
        assertThat(e.getMessage()).contains("cut.geno.txt.gz:", "truncated");
        assertThat(e.line()).isPositive();
    }

    @Test
    void duplicatedAnnotationOutOfOrder() throws IOException {
        Path geno = write("x.geno.txt", "rs1 A G 0 1\nrs2 A G 0 1\nrs3 A G 1 1\n");
        Path anno = write("x.anno.txt", "rs2 200 1\nrs1 100 1\nrs2 300 1\n");
        assertReadFails(geno, anno, null, "x.geno.txt:2", "x.anno.txt", "'rs2' is listed several times");
    }

    @Test
    void duplicatedAnnotationInOrderIsPositional() throws IOException {
        Path geno = write("x.geno.txt", "rs1 A G 0 1\nrs1 C T 0 1\n");
        write("x.anno.txt", "rs1 100 1 0.5\nrs1 NA 2\n");
        List<Variant> variants = BimbamTestData.readAll(BimbamReader.open(geno, null, null)).blocks().get(0).variants();
        assertThat(variants).containsExactly(new Variant("1", 100, "rs1", "G", "A", 0.5),
                new Variant("2", -9, "rs1", "T", "C", Double.NaN));
    }

    @Test
    void badAnnotationLine() throws IOException {
        Path geno = write("x.geno.txt", "rs1 A G 0 1\n");
        write("x.anno.txt", "rs1 100 1\nrs2 12kb 1\n");
        assertReadFails(geno, null, null, "x.anno.txt:2", "field 'bp'", "not a position: '12kb'");
    }

    @Test
    void famWithOtherSampleCount() throws IOException {
        Path geno = write("x.geno.txt", "rs1 A G 0 1 2\n");
        write("x.fam", "f a 0 0 1 -9\nf b 0 0 2 -9\n");
        assertReadFails(geno, null, null, "x.geno.txt:1", "x.fam", "3 genotype values", "lists 2 samples");
    }

    @Test
    void withoutCompanionsSamplesAreGeneratedAndNoted() throws IOException {
        Path geno = write("solo.geno.txt", "\nrs1, A, G, NA, 1, 0.25\n");
        BimbamTestData.Cohort c = BimbamTestData.readAll(BimbamReader.open(geno, null, null));
        assertThat(c.sheet().samples()).containsExactly(Sample.of("sample1"), Sample.of("sample2"),
                Sample.of("sample3"));
        VariantBlock b = c.blocks().get(0);
        assertThat(b.variant(0)).isEqualTo(new Variant("0", -9, "rs1", "G", "A", Double.NaN));
        assertThat(b.dosages(0)).containsExactly(Float.NaN, 1f, 0.25f);
        assertThat(b.code(0, 0)).isEqualTo(GenotypeCodes.MISSING);
        // the missing annotation is the command line's one stderr note, not one of the reader's
        assertThat(c.notes()).singleElement().satisfies(n -> assertThat(n).contains("sample1..sample3"));
        assertThat(BimbamReader.lacksAnnotation(geno, null)).isTrue();
        assertThat(BimbamReader.missingAnnotation(geno)).contains("no BIMBAM annotation", "chromosome 0",
                "--anno FILE");
    }

    @Test
    void writerClosedWithoutCommitLeavesNothing() throws IOException {
        SampleSheet sheet = SampleSheet.of(List.of(Sample.of("a"), Sample.of("b")));
        try (GenotypeWriter w = BimbamWriter.create(dir.resolve("out.bimbam"), sheet)) {
            w.write(new VariantBlock(0, 2, List.of(new Variant("1", 5, "rs1", "G", "A", Double.NaN)),
                    new long[] {1L | 3L << 2}, null, null));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void codesWithoutDosagesAreWrittenAsIntegersAndCmColumnDropped() throws IOException {
        SampleSheet sheet = SampleSheet.of(List.of(Sample.of("a"), Sample.of("b")));
        try (GenotypeWriter w = BimbamWriter.create(dir.resolve("out.geno.txt.gz"), sheet)) {
            w.write(new VariantBlock(0, 2, List.of(new Variant("1", 5, ".", "G", "A", Double.NaN)),
                    new long[] {1L | 3L << 2}, null, null));
            w.commit();
            assertThat(w.notes()).singleElement().asString().contains("1 variants had no ID");
        }
        assertThat(lines("out.geno.txt.gz")).containsExactly("1:5:G:A, A, G, 1, NA");
        assertThat(lines("out.anno.txt")).containsExactly("1:5:G:A\t5\t1");
        assertThat(lines("out.fam")).containsExactly("a\ta\t0\t0\t0\t-9", "b\tb\t0\t0\t0\t-9");
    }

    private List<String> lines(String name) throws IOException {
        try (var r = org.genosynth.io.TextInput.openReader(dir.resolve(name))) {
            return r.lines().toList();
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static InputException readFails(Path geno, Path anno, Path fam) {
        try (GenotypeReader r = BimbamReader.open(geno, anno, fam)) {
            org.genosynth.model.VariantBlock b;
            while ((b = r.nextBlock(7)) != null) {
                b.genotypeWords(); // a plain file's values are parsed where the block is used
            }
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no InputException reading " + geno);
    }

    private static void assertReadFails(Path geno, Path anno, Path fam, String... parts) {
        assertThatThrownBy(() -> {
            throw readFails(geno, anno, fam);
        }).isInstanceOf(InputException.class).hasMessageContainingAll(parts);
    }
}
