package org.genosynth.io.plink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.genosynth.io.InputException;
import org.genosynth.io.SharedData;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and quirky PLINK 1 filesets written by hand; every problem must be an {@link InputException} naming the file. */
class PlinkReaderBadInputTest {
    private static final String FAM3 = "f1 a 0 0 1 -9\nf1 b 0 0 2 -9\nf2 c 0 0 0 -9\n";
    private static final String BIM2 = "1 rs1 0 100 A G\n1 rs2 0 200 C T\n";

    @TempDir
    Path dir;

    // ---- sizes and headers of the .bed ----

    @Test
    void bedShorterThanBimAndFamRequire() throws IOException {
        fileset("x", FAM3, BIM2, bed(0x00));
        InputException e = readFails(dir.resolve("x"));
        assertThat(e.getMessage()).contains("x.bed", "has 4 bytes", "require 5");
        assertThat(e.file().getFileName()).hasToString("x.bed");
    }

    @Test
    void bedLongerThanBimAndFamRequire() throws IOException {
        fileset("x", FAM3, BIM2, bed(0x00, 0x1b, 0xff));
        assertThat(readFails(dir.resolve("x.bed")).getMessage()).contains("x.bed", "has 6 bytes", "require 5");
    }

    @Test
    void famWithOneSampleTooManyForTheBed() throws IOException {
        // 5 samples need 2 bytes per variant: the .bed written for 3 samples no longer fits
        fileset("x", FAM3 + "f3 d 0 0 1 -9\nf3 e 0 0 1 -9\n", BIM2, bed(0x00, 0x1b));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bed", "5 samples", "2 variants");
    }

    @Test
    void gzippedBedTruncatedMidStream() throws IOException {
        int samples = 1000;
        int variants = 400;
        StringBuilder fam = new StringBuilder();
        for (int s = 0; s < samples; s++) {
            fam.append("f s").append(s).append(" 0 0 0 -9\n");
        }
        StringBuilder bim = new StringBuilder();
        for (int v = 0; v < variants; v++) {
            bim.append("1 rs").append(v).append(" 0 ").append(1000 + v).append(" A G\n");
        }
        byte[] raw = new byte[3 + variants * 250];
        new Random(1).nextBytes(raw);
        raw[0] = 0x6c;
        raw[1] = 0x1b;
        raw[2] = 0x01;
        byte[] gz = gzip(raw);
        write("x.fam", fam.toString());
        write("x.bim", bim.toString());
        Files.write(dir.resolve("x.bed.gz"), Arrays.copyOf(gz, gz.length / 2));
        InputException e = readFails(dir.resolve("x"));
        assertThat(e.getMessage()).contains("x.bed.gz").containsAnyOf("truncated", "holds");
    }

    @Test
    void gzippedBedShorterOrLongerAfterDecompression() throws IOException {
        fileset("x", FAM3, BIM2, null);
        Files.write(dir.resolve("x.bed.gz"), gzip(bed(0x00)));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bed.gz", "holds 4 bytes", "require 5");
        Files.write(dir.resolve("x.bed.gz"), gzip(bed(0x00, 0x1b, 0x00)));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bed.gz", "more bytes");
    }

    @Test
    void wrongMagicBytes() throws IOException {
        fileset("x", FAM3, BIM2, new byte[] {0x6c, 0x1c, 0x01, 0x00, 0x00});
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bed", "magic");
        fileset("y", FAM3, BIM2, "#fileformat".getBytes(StandardCharsets.US_ASCII));
        assertThat(readFails(dir.resolve("y")).getMessage()).contains("y.bed");
    }

    @Test
    void sampleMajorModeByte() throws IOException {
        fileset("x", FAM3, BIM2, new byte[] {0x6c, 0x1b, 0x00, 0x00, 0x00});
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bed", "sample-major");
    }

    // ---- .bim ----

    @Test
    void bimWithFiveColumnsNamesTheLine() throws IOException {
        fileset("x", FAM3, "1 rs1 0 100 A G\n1 rs2 200 C T\n", bed(0x00, 0x1b));
        InputException e = readFails(dir.resolve("x"));
        assertThat(e.getMessage()).contains("x.bim:2", "6 columns", "found 5");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void nonIntegerBpNamesLineAndField() throws IOException {
        fileset("x", FAM3, "1 rs1 0 100 A G\n\n1 rs2 0 2e5 C T\n", bed(0x00, 0x1b));
        InputException e = readFails(dir.resolve("x"));
        assertThat(e.getMessage()).contains("x.bim:3", "field 'BP'", "'2e5'");
        assertThat(e.field()).isEqualTo("BP");
    }

    @Test
    void emptyBim() throws IOException {
        fileset("x", FAM3, "", bed());
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.bim", "empty");
    }

    // ---- .fam ----

    @Test
    void famWithFourColumnsNamesTheLine() throws IOException {
        fileset("x", "f1 a 0 0\n", BIM2, bed(0x00, 0x1b));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.fam:1", "found 4");
    }

    @Test
    void duplicateFidIidNamesTheLine() throws IOException {
        fileset("x", "f1 a 0 0 1 -9\nf2 a 0 0 1 -9\nf1 a 0 0 2 -9\n", BIM2, bed(0x00, 0x1b));
        InputException e = readFails(dir.resolve("x"));
        assertThat(e.getMessage()).contains("x.fam:3", "duplicate", "'f1'", "'a'");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void raggedFamNamesTheLine() throws IOException {
        fileset("x", "f1 a 0 0 1 -9 1.5\nf1 b 0 0 2 -9\nf2 c 0 0 0 -9 2\n", BIM2, bed(0x00, 0x1b));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.fam:2", "found 6");
    }

    @Test
    void nonNumericPhenotypeNamesLineAndColumn() throws IOException {
        fileset("x", "f1 a 0 0 1 -9\nf1 b 0 0 2 tall\nf2 c 0 0 0 -9\n", BIM2, bed(0x00, 0x1b));
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.fam:2", "PHENO1", "'tall'");
    }

    @Test
    void emptyFam() throws IOException {
        fileset("x", "\n", BIM2, bed());
        assertThat(readFails(dir.resolve("x")).getMessage()).contains("x.fam", "empty");
    }

    @Test
    void missingFam() throws IOException {
        write("x.bim", BIM2);
        Files.write(dir.resolve("x.bed"), bed(0x00, 0x1b));
        assertThat(readFails(dir.resolve("x.bed")).getMessage()).contains("x.fam", "incomplete");
    }

    // ---- quirks that must be accepted ----

    @Test
    void decodesHandWrittenBytes() throws IOException {
        // samples 0..3 in one byte, low bits first: 00 hom A1 (ALT), 01 missing, 10 het, 11 hom A2 (REF);
        // sample 4 alone in the next byte, its padding bits set to 1 as some writers do
        String fam = FAM3 + "f3 d 0 0 1 -9\nf3 e 0 0 1 -9\n";
        fileset("x", fam, "1 rs1 0 100 A G\n", bed(0b11_10_01_00, 0b1111_11_10));
        Cohort c = readAll(dir.resolve("x"));
        assertThat(c.codes.get(0)).containsExactly(GenotypeCodes.HOM_ALT, GenotypeCodes.MISSING, GenotypeCodes.HET,
                GenotypeCodes.HOM_REF, GenotypeCodes.HET);
        assertThat(c.variants.get(0)).isEqualTo(new Variant("1", 100, "rs1", "G", "A", Double.NaN));
        assertThat(c.wordsTrailingBits).isZero();
    }

    @Test
    void unknownPositionMissingAlleleAndForeignParentsAreAccepted() throws IOException {
        fileset("x", "f1 a strainX strainY 1 -9\nf1 b a 0 2 -9\nf2 c 0 nobody 0 -9\n",
                "1 rs1 0 -9 0 G\n1 rs2 0.5 200 C 0\n", bed(0x00, 0x1b));
        Cohort c = readAll(dir.resolve("x"));
        Variant v1 = c.variants.get(0);
        assertThat(v1.position()).isEqualTo(-9);
        assertThat(v1.hasPosition()).isFalse();
        assertThat(v1.alt()).isEqualTo(Variant.MISSING_ALLELE);
        assertThat(v1.ref()).isEqualTo("G");
        assertThat(c.variants.get(1).ref()).isEqualTo(Variant.MISSING_ALLELE);
        assertThat(c.variants.get(1).centimorgan()).isEqualTo(0.5);
        assertThat(c.variants.get(0).centimorgan()).isZero();
        List<Sample> s = c.sheet.samples();
        assertThat(s.get(0).fatherId()).isEqualTo("strainX");
        assertThat(s.get(0).motherId()).isEqualTo("strainY");
        assertThat(s.get(1).fatherId()).isEqualTo("a");
        assertThat(s.get(2).motherId()).isEqualTo("nobody");
    }

    @Test
    void sixPhenotypeColumnsAreKept() throws IOException {
        fileset("x", "f1 a p m 2 0.22 0.22 NA 1 NA -0.28\n"
                + "f1 b p m 1 -0.97 -0.97 NA 0 -9 -2.3\n"
                + "f2 c p m 1 0.19 0.19 3 1 nan 0.04\n", BIM2, bed(0x00, 0x1b));
        SampleSheet sheet = readAll(dir.resolve("x")).sheet;
        assertThat(sheet.columns().names()).containsExactly("PHENO1", "PHENO2", "PHENO3", "PHENO4", "PHENO5",
                "PHENO6");
        assertThat(sheet.columns().column(0)).containsExactly(0.22, -0.97, 0.19);
        assertThat(sheet.columns().column(2)).containsExactly(Double.NaN, Double.NaN, 3.0);
        assertThat(sheet.columns().column(4)).containsOnly(Double.NaN);
        assertThat(sheet.columns().column(5)).containsExactly(-0.28, -2.3, 0.04);
        assertThat(sheet.samples().get(0).sex()).isEqualTo(org.genosynth.model.Sex.FEMALE);
    }

    @Test
    void gzippedBimFamAndBedReadLikePlainOnes() throws IOException {
        byte[] bed = bed(0b11_10_01_00, 0b00_01_10_11);
        fileset("plain", FAM3, BIM2, bed);
        Files.write(dir.resolve("gz.fam.gz"), gzip(FAM3.getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("gz.bim.gz"), gzip(BIM2.getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("gz.bed.gz"), gzip(bed));
        Cohort plain = readAll(dir.resolve("plain"));
        for (Path p : List.of(dir.resolve("gz"), dir.resolve("gz.bed.gz"), dir.resolve("gz.fam.gz"))) {
            Cohort gz = readAll(p);
            assertThat(gz.variants).isEqualTo(plain.variants);
            assertThat(gz.sheet.samples()).isEqualTo(plain.sheet.samples());
            for (int i = 0; i < plain.codes.size(); i++) {
                assertThat(gz.codes.get(i)).containsExactly(plain.codes.get(i));
            }
        }
        assertThat(plain.codes.get(1)).containsExactly(GenotypeCodes.HOM_REF, GenotypeCodes.HET,
                GenotypeCodes.MISSING);
    }

    @Test
    void mouseFamHasSixPhenotypeColumnsAndStrainParents() {
        Path fam = SharedData.mouse(".fam.gz");
        Assumptions.assumeTrue(Files.exists(fam), "shared mouse data not available");
        SampleSheet sheet = FamFile.read(fam);
        assertThat(sheet.size()).isEqualTo(1940);
        assertThat(sheet.columns().columnCount()).isEqualTo(6);
        assertThat(sheet.samples().get(0).fatherId()).isEqualTo("H2.3:C5.2(3)");
        List<Variant> variants = BimFile.read(SharedData.mouse(".bim.gz"));
        assertThat(variants).hasSize(12_226).anySatisfy(v -> assertThat(v.position()).isEqualTo(-9));
    }

    // ---- helpers ----

    private record Cohort(SampleSheet sheet, List<Variant> variants, List<int[]> codes, long wordsTrailingBits) {
    }

    private static Cohort readAll(Path path) {
        List<Variant> variants = new ArrayList<>();
        List<int[]> codes = new ArrayList<>();
        long trailing = 0;
        try (BedReader r = BedReader.open(path)) {
            VariantBlock b;
            while ((b = r.nextBlock(1)) != null) {
                for (int i = 0; i < b.variantCount(); i++) {
                    variants.add(b.variant(i));
                    int[] row = new int[b.sampleCount()];
                    for (int s = 0; s < row.length; s++) {
                        row[s] = b.code(i, s);
                    }
                    codes.add(row);
                    trailing |= b.genotypeWords()[b.offset(i) + b.wordsPerVariant() - 1]
                            & ~GenotypeCodes.lastWordMask(b.sampleCount());
                }
            }
            return new Cohort(r.sampleSheet(), variants, codes, trailing);
        }
    }

    private static InputException readFails(Path path) {
        try {
            readAll(path);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no InputException reading " + path);
    }

    /** A .bed with the variant-major header followed by {@code body}. */
    private static byte[] bed(int... body) {
        byte[] b = new byte[3 + body.length];
        b[0] = 0x6c;
        b[1] = 0x1b;
        b[2] = 0x01;
        for (int i = 0; i < body.length; i++) {
            b[3 + i] = (byte) body[i];
        }
        return b;
    }

    private void fileset(String prefix, String fam, String bim, byte[] bed) throws IOException {
        write(prefix + ".fam", fam);
        write(prefix + ".bim", bim);
        if (bed != null) {
            Files.write(dir.resolve(prefix + ".bed"), bed);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void famSexCodesOtherThan1And2AreUnknownAsInPlink() throws IOException {
        Path fam = dir.resolve("sex.fam");
        Files.writeString(fam, "f1 a 0 0 1 -9\nf1 b 0 0 2 -9\nf1 c 0 0 _ -9\nf1 d 0 0 0 -9\nf1 e 0 0 NA -9\n");
        List<org.genosynth.model.Sex> sexes = FamFile.read(fam).samples().stream().map(Sample::sex).toList();
        assertThat(sexes).containsExactly(org.genosynth.model.Sex.MALE, org.genosynth.model.Sex.FEMALE,
                org.genosynth.model.Sex.UNKNOWN, org.genosynth.model.Sex.UNKNOWN, org.genosynth.model.Sex.UNKNOWN);
    }
}
