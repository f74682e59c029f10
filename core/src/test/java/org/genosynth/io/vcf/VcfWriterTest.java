package org.genosynth.io.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.genosynth.io.vcf.VcfTestData.block;
import static org.genosynth.io.vcf.VcfTestData.snp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions.MultiallelicPolicy;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VcfWriterTest {
    private static final float NAN = Float.NaN;

    @TempDir
    Path dir;

    private static SampleSheet pedigree() {
        return SampleSheet.of(List.of(
                new Sample("fam1", "kid", "dad", "mum", Sex.FEMALE, null),
                new Sample("fam1", "dad", "0", "0", Sex.MALE, "EUR"),
                Sample.of("solo")));
    }

    /** Unphased with missing, phased hets both ways, dosages with a missing value, a second chromosome. */
    private static List<VariantBlock> blocks() {
        VariantBlock first = block(
                List.of(snp("1", 100, "rs1"), snp("1", 200, "rs2"), snp("1", 200, "rs2b")),
                new int[][] {{0, 1, 3}, {1, 1, 2}, {2, 0, 1}},
                new float[][] {null, null, {1.75f, 0.1f, NAN}},
                new int[][] {null, {1, 0, 0}, null});
        VariantBlock second = block(
                List.of(new Variant("2", 50, ".", "AT", "<DEL>", Double.NaN), snp("2", 7000, "rs4")),
                new int[][] {{3, 3, 3}, {0, 1, 2}},
                null,
                new int[][] {null, {0, 1, 0}});
        return List.of(first, second);
    }

    private Path writeAll(String name, GenotypeFormat format) {
        Path out = dir.resolve(name);
        try (GenotypeWriter w = VcfWriter.create(out, format, pedigree(), true)) {
            blocks().forEach(w::write);
            assertThat(w.variantsWritten()).isEqualTo(5);
            w.commit();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.vcf.gz", "out.vcf", "out.bcf"})
    void roundTripKeepsCodesPhaseDosagesAndPedigree(String name) {
        Path out = writeAll(name, name.endsWith(".bcf") ? GenotypeFormat.BCF : GenotypeFormat.VCF);
        VcfTestData.Read back;
        SampleSheet sheet;
        try (GenotypeReader r = VcfReader.open(out, MultiallelicPolicy.REJECT)) {
            sheet = r.sampleSheet();
            back = VcfTestData.readAll(r, 2);
        }
        assertThat(sheet.samples()).isEqualTo(pedigree().samples());
        List<VariantBlock> written = blocks();
        List<Variant> expectedVariants = Stream.concat(written.get(0).variants().stream(),
                written.get(1).variants().stream()).toList();
        assertThat(back.variants()).isEqualTo(expectedVariants);
        assertThat(back.codes()).containsExactly(new int[] {0, 1, 3}, new int[] {1, 1, 2}, new int[] {2, 0, 1},
                new int[] {3, 3, 3}, new int[] {0, 1, 2});
        assertThat(back.dosages().get(2)).containsExactly(1.75f, 0.1f, NAN);
        assertThat(back.dosages()).filteredOn(d -> d != null).hasSize(1);
        assertThat(back.phase().get(0)).isNull();
        assertThat(back.phase().get(1)).containsExactly(1L);
        assertThat(back.phase().get(2)).isNull();
        assertThat(back.phase().get(4)).containsExactly(2L);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void bgzipOutputHasTabixIndexThatBcftoolsUses() throws Exception {
        Path out = writeAll("cohort.vcf.gz", GenotypeFormat.VCF);
        assertThat(dir.resolve("cohort.vcf.gz.tbi")).exists();
        assertThat(bcftools("view", "-H", out.toString())).hasSize(5);
        List<String> region = bcftools("view", "-H", "-r", "1:150-250", out.toString());
        assertThat(region).extracting(l -> l.split("\t")[2]).containsExactly("rs2", "rs2b");
        assertThat(bcftools("view", "-H", "-r", "2:7000", out.toString())).extracting(l -> l.split("\t")[2])
                .containsExactly("rs4");
        String header = String.join("\n", bcftools("view", "-h", out.toString()));
        assertThat(header).contains("##contig=<ID=1>", "##contig=<ID=2>", "##FORMAT=<ID=DS,Number=A,Type=Float",
                "##SAMPLE=<ID=kid,Family=fam1,Father=dad,Mother=mum,Sex=2>");
        assertThat(bcftools("query", "-r", "1:200", "-f", "[%GT ]\\n", out.toString()))
                .containsExactly("1|0 0|1 1|1 ", "1/1 0/0 0/1 ");
    }

    @Test
    void bcfOutputIsReadableByBcftools() throws Exception {
        Path out = writeAll("cohort.bcf", GenotypeFormat.BCF);
        assertThat(bcftools("view", "-H", out.toString())).hasSize(5);
        bcftools("index", out.toString());
        assertThat(bcftools("query", "-r", "1:200", "-f", "[%GT:%DS ]\\n", out.toString()))
                .containsExactly("1|0:. 0|1:. 1|1:. ", "1/1:1.75 0/0:0.1 0/1:. ");
    }

    /**
     * The genetic map travels as INFO/CM (SHAPEIT's and Beagle's convention, which the reader takes): a VCF-to-VCF
     * split or conversion kept every variant's cM in no column before. 0 is PLINK's "unknown" and is not written.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cm.vcf.gz", "cm.bcf"})
    void geneticPositionsGoToInfoCmAndComeBack(String name) throws Exception {
        Path out = dir.resolve(name);
        List<Variant> variants = List.of(new Variant("20", 100, "a", "A", "G", 0),
                new Variant("20", 200, "b", "A", "G", 4.70307), new Variant("20", 300, "c", "A", "G", Double.NaN),
                new Variant("20", 400, "d", "A", "G", 11.353));
        try (GenotypeWriter w = VcfWriter.create(out, name.endsWith(".bcf") ? GenotypeFormat.BCF : GenotypeFormat.VCF,
                SampleSheet.of(List.of(Sample.of("x"), Sample.of("y"))), true)) {
            w.write(block(variants, new int[][] {{0, 1}, {1, 2}, {2, 0}, {0, 0}}, null, null));
            w.commit();
        }
        List<Variant> back;
        try (GenotypeReader r = VcfReader.open(out, MultiallelicPolicy.REJECT)) {
            back = VcfTestData.readAll(r, 2).variants();
        }
        // exact in text; BCF stores a Float (32 bits), read back as its shortest decimal (as bcftools prints it), so
        // 4.70307 is 4.70307 again, not the double 4.703070163726807 it widens to
        double[] expected = {Double.NaN, 4.70307, Double.NaN, 11.353};
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(back.get(i).centimorgan()).isNaN();
            } else {
                assertThat(back.get(i).centimorgan()).isEqualTo(expected[i]);
            }
        }
        if (name.endsWith(".bcf")) {
            bcftools("index", out.toString());
        }
        assertThat(bcftools("query", "-f", "%ID %INFO/CM\\n", out.toString()))
                .containsExactly("a .", "b 4.70307", "c .", "d 11.353");
        assertThat(String.join("\n", bcftools("view", "-h", out.toString())))
                .contains("##INFO=<ID=CM,Number=1,Type=Float,Description=\"Genetic position (cM)\">");
    }

    @Test
    void skipsVariantsWithoutPositionAndSaysSo() {
        Path out = dir.resolve("skip.vcf");
        try (GenotypeWriter w = VcfWriter.create(out, GenotypeFormat.VCF, SampleSheet.of(List.of(Sample.of("a"))),
                false)) {
            w.write(block(List.of(snp("1", -9, "x"), snp("1", 5, "y")), new int[][] {{1}, {2}}, null, null));
            w.commit();
            assertThat(w.variantsWritten()).isEqualTo(1);
            assertThat(w.notes()).containsExactly("skipped 1 variants with unknown position (VCF needs a position; "
                    + "bed and bimbam keep them)");
        }
    }

    @Test
    void monomorphicSitesWriteMissingAltAndRefGenotypes() throws IOException {
        Path out = dir.resolve("mono.vcf");
        try (GenotypeWriter w = VcfWriter.create(out, GenotypeFormat.VCF, SampleSheet.of(List.of(Sample.of("a"),
                Sample.of("b"))), true)) {
            w.write(block(List.of(new Variant("1", 5, "m", "C", "C", Double.NaN),
                    new Variant("1", 6, "n", "C", ".", Double.NaN)), new int[][] {{2, 1}, {0, 3}}, null, null));
            w.commit();
        }
        List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).containsExactly("1\t5\tm\tC\t.\t.\t.\t.\tGT\t0/0\t0/0", "1\t6\tn\tC\t.\t.\t.\t.\tGT\t0/0\t./.");
        assertThat(Files.readString(out)).doesNotContain("##SAMPLE").doesNotContain("ID=DS");
    }

    @Test
    void rejectsUnsortedInputBeforeWritingIt() {
        Path out = dir.resolve("unsorted.vcf.gz");
        try (GenotypeWriter w = VcfWriter.create(out, GenotypeFormat.VCF, SampleSheet.of(List.of(Sample.of("a"))),
                false)) {
            w.write(block(List.of(snp("1", 10, "a"), snp("2", 10, "b")), new int[][] {{0}, {1}}, null, null));
            assertThatThrownBy(() -> w.write(block(List.of(snp("1", 20, "c")), new int[][] {{0}}, null, null)))
                    .isInstanceOf(InputException.class).hasMessageContaining("not sorted by position")
                    .hasMessageContaining("sort the input first");
            assertThatThrownBy(() -> w.write(block(List.of(snp("2", 5, "d")), new int[][] {{0}}, null, null)))
                    .isInstanceOf(InputException.class).hasMessageContaining("2:5 (d)");
            assertThat(w.variantsWritten()).isEqualTo(2);
        }
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void closeWithoutCommitLeavesNothing() {
        Path out = dir.resolve("partial.vcf.gz");
        try (GenotypeWriter w = VcfWriter.create(out, GenotypeFormat.VCF, pedigree(), true)) {
            blocks().forEach(w::write);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void nonUniqueIidsBecomeFidIidColumnsAndComeBack() {
        SampleSheet twins = SampleSheet.of(List.of(new Sample("f1", "x", "0", "0", Sex.UNKNOWN, null),
                new Sample("f2", "x", "0", "0", Sex.MALE, null)));
        Path out = dir.resolve("twins.vcf");
        try (GenotypeWriter w = VcfWriter.create(out, GenotypeFormat.VCF, twins, false)) {
            w.write(block(List.of(snp("1", 1, "a")), new int[][] {{0, 2}}, null, null));
            w.commit();
        }
        try (GenotypeReader r = VcfReader.open(out, MultiallelicPolicy.SPLIT)) {
            assertThat(r.sampleSheet().samples()).isEqualTo(twins.samples());
        }
    }

    private List<String> leftovers() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")
                    || n.startsWith("partial") || n.startsWith("unsorted")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs bcftools (installed in CI; a missing binary fails the test) and returns its stdout lines. */
    static List<String> bcftools(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "bcftools";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("bcftools %s: %s", String.join(" ", args), stderr).isZero();
        assertThat(stderr).as("bcftools warnings").doesNotContain("[W::");
        String text = new String(stdout, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
