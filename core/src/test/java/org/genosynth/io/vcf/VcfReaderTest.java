package org.genosynth.io.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions.MultiallelicPolicy;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcfReaderTest {
    private static final String HEADER = """
            ##fileformat=VCFv4.2
            ##contig=<ID=1>
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            ##FORMAT=<ID=DS,Number=A,Type=Float,Description="Dosage">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2\ts3\ts4
            """;
    /** Header is 5 lines: the multi-allelic record is line 7. */
    private static final String BODY = """
            1\t100\trs1\tA\tG\t.\t.\t.\tGT\t0|1\t1|0\t1|1\t0|0
            1\t200\trs2\tC\tT,G\t.\t.\t.\tGT:DS\t1|2\t0/2\t./1\t2\t
            1\t300\t.\tT\t<DEL>\t.\t.\t.\tDS\t0.4\t1.6\t.\t1
            1\t400\trs4\tG\t.\t.\t.\t.\tGT\t0/0\t0|0\t./.\t0
            """.replace("\t\n", ":0.5,1\n");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static VcfTestData.Read readAll(Path p, MultiallelicPolicy policy) {
        try (GenotypeReader r = VcfReader.open(p, policy)) {
            assertThat(r.variantsUpFront()).isEmpty();
            return VcfTestData.readAll(r, 3);
        }
    }

    @Test
    void splitsMultiallelicRecordsPerAlt() throws IOException {
        VcfTestData.Read r = readAll(write("multi.vcf", HEADER + BODY), MultiallelicPolicy.SPLIT);
        assertThat(r.variants()).containsExactly(
                new Variant("1", 100, "rs1", "A", "G", Double.NaN),
                new Variant("1", 200, "rs2", "C", "T", Double.NaN),
                new Variant("1", 200, "rs2", "C", "G", Double.NaN),
                new Variant("1", 300, ".", "T", "<DEL>", Double.NaN),
                new Variant("1", 400, "rs4", "G", ".", Double.NaN));
        assertThat(r.codes().get(0)).containsExactly(1, 1, 2, 0);
        assertThat(r.phase().get(0)).containsExactly(0b0010L);
        // 1|2 0/2 ./1 2(haploid): for T -> 1 0 3 0, for G -> 1 1 3 2
        assertThat(r.codes().get(1)).containsExactly(1, 0, 3, 0);
        assertThat(r.codes().get(2)).containsExactly(1, 1, 3, 2);
        // for T the only heterozygote is 1|2 (phased; 0/2 is homozygous non-T); for G, 0/2 is an unphased heterozygote
        assertThat(r.phase().get(1)).containsExactly(0b0001L);
        assertThat(r.phase().get(2)).isNull();
        assertThat(r.dosages().get(1)).isNull();
        assertThat(r.dosages().get(2)).isNull();
        // DS without GT: hard calls by rounding, dosages kept
        assertThat(r.codes().get(3)).containsExactly(0, 2, 3, 1);
        assertThat(r.dosages().get(3)).containsExactly(0.4f, 1.6f, Float.NaN, 1f);
        assertThat(r.codes().get(4)).containsExactly(0, 0, 3, 0);
        // no heterozygote, and 0|0 says the file is phased
        assertThat(r.phase().get(4)).containsExactly(0L);
    }

    /**
     * Phase is a property of heterozygous calls: a homozygous call written unphased among phased ones (0/0 filled in
     * by a merge with missing-to-ref, hom-refs of a physically phased call set) leaves the site phased; before, one
     * such call made the site, and so the whole cohort, unphased and synth fell back to genotype mosaics. A site
     * without any heterozygote is phased only when some call is written phased (an all-'/' file of inbred lines stays
     * unphased).
     */
    @Test
    void onlyHeterozygousCallsDecideWhetherASiteIsPhased() throws IOException {
        String body = """
                1\t100\tr1\tA\tG\t.\t.\t.\tGT\t0|1\t0/0\t1|0\t1/1
                1\t200\tr2\tA\tG\t.\t.\t.\tGT\t0|1\t0/1\t1|0\t0|0
                1\t300\tr3\tA\tG\t.\t.\t.\tGT\t0/0\t1/1\t0/0\t1/1
                1\t400\tr4\tA\tG\t.\t.\t.\tGT\t0/0\t1|1\t./.\t0/0
                """;
        VcfTestData.Read r = readAll(write("phase.vcf", HEADER + body), MultiallelicPolicy.SPLIT);
        assertThat(r.codes().get(0)).containsExactly(1, 0, 1, 2);
        assertThat(r.phase().get(0)).containsExactly(0b0100L);   // s3's 1|0: ALT first
        assertThat(r.phase().get(1)).isNull();                    // s2's 0/1
        assertThat(r.phase().get(2)).isNull();                    // homozygous and all unphased
        assertThat(r.phase().get(3)).containsExactly(0L);
    }

    @Test
    void rejectNamesFileLineAndTheWayOut() throws IOException {
        Path p = write("multi.vcf", HEADER + BODY);
        try (GenotypeReader r = VcfReader.open(p, MultiallelicPolicy.REJECT)) {
            assertThatThrownBy(() -> VcfTestData.readAll(r, 10))
                    .isInstanceOfSatisfying(InputException.class, e -> {
                        assertThat(e.line()).isEqualTo(7);
                        assertThat(e.field()).isEqualTo("ALT");
                    })
                    .hasMessageContaining("multi.vcf:7:")
                    .hasMessageContaining("--multiallelic split")
                    .hasMessageContaining("bcftools norm -m-");
        }
    }

    @Test
    void readsPlainGzipAndBgzip() throws IOException {
        byte[] text = (HEADER + BODY).getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("plain.vcf.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(text);
        }
        Path bgz = dir.resolve("block.vcf.gz");
        try (OutputStream o = new BlockCompressedOutputStream(bgz.toFile())) {
            o.write(text);
        }
        assertThat(readAll(gz, MultiallelicPolicy.SPLIT).variants()).hasSize(5);
        assertThat(readAll(bgz, MultiallelicPolicy.SPLIT).variants()).hasSize(5);
    }

    @Test
    void blocksOfPlainAndBgzippedFilesTravelAsRecordRanges() throws Exception {
        String contig2 = BODY.lines().map(l -> "2" + l.substring(1) + "\n").collect(
                java.util.stream.Collectors.joining());
        byte[] text = (HEADER + BODY + contig2).getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("plain.vcf.gz"); // plain gzip: decoded by the reader, the reference here
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(text);
        }
        Path bgz = dir.resolve("block.vcf.gz");
        try (OutputStream o = new BlockCompressedOutputStream(bgz.toFile())) {
            o.write(text);
        }
        Path vcf = dir.resolve("text.vcf");
        Files.write(vcf, text);
        String expected = describe(readAll(gz, MultiallelicPolicy.SPLIT));
        for (Path p : List.of(bgz, vcf)) {
            for (int blockSize : new int[] {1, 2, 3, 100}) {
                // blocks of 1 and 2 sites cut the multi-allelic record between its two sites
                try (GenotypeReader r = new RoundTrip(VcfReader.open(p, MultiallelicPolicy.SPLIT))) {
                    assertThat(describe(VcfTestData.readAll(r, blockSize))).as(p + " by " + blockSize)
                            .isEqualTo(expected);
                }
                // a block whose text the reader did not keep reads its records again from the file
                try (GenotypeReader r = VcfReader.open(p, MultiallelicPolicy.SPLIT, 0)) {
                    assertThat(describe(VcfTestData.readAll(r, blockSize))).as(p + " by " + blockSize + ", reread")
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void concatenatedBgzipFilesAreReadPastTheInnerEndMarker() throws Exception {
        // 'cat a.vcf.gz b.vcf.gz' is valid BGZF: an empty block (a's end marker) sits inside the file
        Path whole = dir.resolve("whole.vcf");
        Files.writeString(whole, HEADER + BODY);
        Path cat = dir.resolve("cat.vcf.gz");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String part : new String[] {HEADER, BODY}) {
            Path p = dir.resolve("part.gz");
            try (OutputStream o = new BlockCompressedOutputStream(p.toFile())) {
                o.write(part.getBytes(StandardCharsets.UTF_8));
            }
            bytes.write(Files.readAllBytes(p));
        }
        Files.write(cat, bytes.toByteArray());
        assertThat(describe(readAll(cat, MultiallelicPolicy.SPLIT)))
                .isEqualTo(describe(readAll(whole, MultiallelicPolicy.SPLIT)));
    }

    private static String describe(VcfTestData.Read r) {
        StringBuilder sb = new StringBuilder(r.variants().toString());
        for (int i = 0; i < r.variants().size(); i++) {
            sb.append('\n').append(java.util.Arrays.toString(r.codes().get(i)))
                    .append(java.util.Arrays.toString(r.dosages().get(i)))
                    .append(java.util.Arrays.toString(r.phase().get(i)));
        }
        return sb.toString();
    }

    /** A reader whose blocks go through Java serialization, as blocks sent to a Spark executor do. */
    private record RoundTrip(GenotypeReader inner) implements GenotypeReader {
        static byte[] serialize(Object o) throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream oos = new java.io.ObjectOutputStream(out)) {
                oos.writeObject(o);
            }
            return out.toByteArray();
        }

        @Override
        public org.genosynth.model.VariantBlock nextBlock(int maxVariants) {
            org.genosynth.model.VariantBlock b = inner.nextBlock(maxVariants);
            if (b == null) {
                return null;
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(serialize(b)))) {
                return (org.genosynth.model.VariantBlock) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public org.genosynth.model.SampleSheet sampleSheet() {
            return inner.sampleSheet();
        }

        @Override
        public java.util.Optional<List<Variant>> variantsUpFront() {
            return inner.variantsUpFront();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void readsBcfWrittenByBcftools() throws Exception {
        Path vcf = write("src.vcf", HEADER + BODY.replace("\t2:0.5,1", "\t2/2:0.5,1").replace("\t0\n", "\t0/0\n"));
        Path bcf = dir.resolve("src.bcf");
        VcfWriterTest.bcftools("view", "-Ob", "-o", bcf.toString(), vcf.toString());
        VcfTestData.Read fromBcf = readAll(bcf, MultiallelicPolicy.SPLIT);
        VcfTestData.Read fromVcf = readAll(vcf, MultiallelicPolicy.SPLIT);
        assertThat(fromBcf.variants()).isEqualTo(fromVcf.variants());
        assertThat(fromBcf.codes()).containsExactlyElementsOf(fromVcf.codes());
        assertThat(fromBcf.dosages().get(3)).containsExactly(fromVcf.dosages().get(3));
    }

    @Test
    void mixedPloidyBcfIsAClearInputError() throws Exception {
        Path vcf = write("mixed.vcf", HEADER + BODY);
        Path bcf = dir.resolve("mixed.bcf");
        VcfWriterTest.bcftools("view", "-Ob", "-o", bcf.toString(), vcf.toString());
        try (GenotypeReader r = VcfReader.open(bcf, MultiallelicPolicy.SPLIT)) {
            assertThatThrownBy(() -> VcfTestData.readAll(r, 10)).isInstanceOf(InputException.class)
                    .hasMessageContaining("mixed.bcf: record 2").hasMessageContaining("bcftools view -Oz");
        }
    }

    @Test
    void truncatedBgzipIsAnInputError() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        Random random = new Random(7);
        for (int i = 1; i <= 20_000; i++) {
            sb.append("1\t").append(i).append("\t.\tA\tG\t.\t.\t.\tGT");
            for (int s = 0; s < 4; s++) {
                sb.append('\t').append(random.nextInt(2)).append('/').append(random.nextInt(2));
            }
            sb.append('\n');
        }
        Path whole = dir.resolve("whole.vcf.gz");
        try (OutputStream o = new BlockCompressedOutputStream(whole.toFile())) {
            o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.vcf.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (GenotypeReader r = VcfReader.open(cut, MultiallelicPolicy.SPLIT)) {
            assertThatThrownBy(() -> VcfTestData.readAll(r, 1000))
                    .isInstanceOf(InputException.class).hasMessageContaining("cut.vcf.gz");
        }
    }

    @Test
    void garbageMissingAndMalformedFilesAreInputErrors() throws IOException {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path garbage = dir.resolve("garbage.vcf");
        Files.write(garbage, noise);
        assertThatThrownBy(() -> VcfReader.open(garbage, MultiallelicPolicy.SPLIT))
                .isInstanceOf(InputException.class).hasMessageContaining("garbage.vcf");
        assertThatThrownBy(() -> VcfReader.open(dir.resolve("absent.vcf"), MultiallelicPolicy.SPLIT))
                .isInstanceOf(InputException.class).hasMessageContaining("not found");
        Path bad = write("bad.vcf", HEADER + "1\tnotanumber\t.\tA\tG\t.\t.\t.\tGT\t0/1\t0/0\t0/0\t0/0\n");
        try (GenotypeReader r = VcfReader.open(bad, MultiallelicPolicy.SPLIT)) {
            assertThatThrownBy(() -> r.nextBlock(10)).isInstanceOf(InputException.class)
                    .hasMessageContaining("bad.vcf:6:");
        }
        Path badDs = write("badds.vcf", HEADER + "1\t5\t.\tA\tG\t.\t.\t.\tDS\tx\t0\t0\t0\n");
        try (GenotypeReader r = VcfReader.open(badDs, MultiallelicPolicy.SPLIT)) {
            // FORMAT fields are decoded where the block is used
            assertThatThrownBy(() -> r.nextBlock(10).genotypeWords()).isInstanceOf(InputException.class)
                    .hasMessageContaining("badds.vcf:6:").hasMessageContaining("field 'DS'");
        }
        Path headerOnly = write("cut.vcf", HEADER.substring(0, 40));
        assertThatThrownBy(() -> VcfReader.open(headerOnly, MultiallelicPolicy.SPLIT))
                .isInstanceOf(InputException.class).hasMessageContaining("#CHROM");
    }

    @Test
    void closeIsIdempotent() throws IOException {
        GenotypeReader r = VcfReader.open(write("c.vcf", HEADER + BODY), MultiallelicPolicy.SPLIT);
        r.close();
        r.close();
        assertThat(List.of(r.path().getFileName().toString())).containsExactly("c.vcf");
    }
}
