package org.genosynth.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions of real inputs (the mouse HS1940 PLINK and BIMBAM sets, the 1000 Genomes chr20 VCF) read one by one give
 * the variants and genotypes of a read from the start, and a .bed block travels as its byte range.
 */
class GenotypePartitionTest {
    @TempDir
    static Path dir;

    private static Path gunzip(Path gz, Path out) throws IOException {
        if (!Files.exists(out)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, out);
            }
        }
        return out;
    }

    private static Path mouseBed() throws IOException {
        for (String ext : new String[] {".bed", ".bim", ".fam"}) {
            gunzip(SharedData.mouse(ext + ".gz"), dir.resolve("mouse" + ext));
        }
        return dir.resolve("mouse.bed");
    }

    /** Every variant and its words (and dosages) read from each partition in turn. */
    private static GenotypeMatrix readPartitions(List<GenotypePartition> parts) {
        List<Variant> variants = new ArrayList<>();
        List<long[]> words = new ArrayList<>();
        List<float[]> dosages = new ArrayList<>();
        org.genosynth.model.SampleSheet sheet = null;
        for (GenotypePartition p : parts) {
            try (GenotypeReader r = p.open()) {
                sheet = r.sampleSheet();
                VariantBlock b;
                while ((b = r.nextBlock(1000)) != null) {
                    variants.addAll(b.variants());
                    words.add(b.genotypeWords());
                    for (int i = 0; i < b.variantCount(); i++) {
                        dosages.add(b.dosages(i));
                    }
                }
            }
        }
        long[] all = words.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        boolean anyDosage = dosages.stream().anyMatch(d -> d != null);
        return new GenotypeMatrix(sheet, variants, all, anyDosage ? dosages.toArray(new float[0][]) : null);
    }

    private static void assertSame(GenotypeMatrix expected, GenotypeMatrix actual) {
        assertEquals(expected.variants(), actual.variants());
        assertArrayEquals(expected.words(), actual.words());
        for (int v = 0; v < expected.variantCount(); v++) {
            assertArrayEquals(expected.dosages(v), actual.dosages(v), "dosages of variant " + v);
        }
    }

    @Test
    void bedSplitsByVariantRanges() throws IOException {
        GenotypeSource source = GenotypeSource.of(mouseBed(), null);
        List<GenotypePartition> parts = source.partitions(5000);
        assertEquals(3, parts.size());
        assertEquals(GenotypePartition.Kind.VARIANT_RANGE, parts.get(2).kind());
        assertEquals(10000, parts.get(2).from());
        GenotypeMatrix whole = GenotypeLoader.load(source, null, null);
        assertEquals(12226, whole.variantCount()); // the .bim's lines (README: 1,940 x 12,226)
        assertEquals(1940, whole.sampleCount());
        assertSame(whole, readPartitions(parts));
        assertSame(whole, readPartitions(List.of(source.partitions(1 << 20).get(0))));
    }

    @Test
    void bimbamSplitsByLineRanges() throws IOException {
        Path geno = gunzip(SharedData.mouse(".geno.txt.gz"), dir.resolve("mouse.geno.txt"));
        gunzip(SharedData.mouse(".anno.txt.gz"), dir.resolve("mouse.anno.txt"));
        GenotypeSource source = GenotypeSource.of(geno, null);
        List<GenotypePartition> parts = source.partitions(5000);
        assertEquals(3, parts.size());
        assertEquals(GenotypePartition.Kind.LINE_RANGE, parts.get(1).kind());
        GenotypeMatrix split = readPartitions(parts);
        GenotypeMatrix whole = readPartitions(List.of(GenotypePartition.whole(source)));
        assertSame(whole, split);
        int nonInteger = 0;
        for (int v = 0; v < split.variantCount(); v++) {
            for (float d : split.dosages(v)) {
                nonInteger += !Float.isNaN(d) && d != Math.rint(d) ? 1 : 0;
            }
        }
        assertEquals(19196, nonInteger); // README: 19,196 non-integer cells
        // a gzipped BIMBAM file can only be read from the start
        assertEquals(GenotypePartition.Kind.WHOLE,
                GenotypeSource.of(SharedData.mouse(".geno.txt.gz"), null).partitions(5000).get(0).kind());
    }

    @Test
    void indexedVcfSplitsIntoRegionsOfBoundedRecordCounts() throws Exception {
        // 1000 Genomes chr20:1.0-1.2 Mb, cut and indexed by bcftools (seconds of VCF decoding, not minutes)
        Path full = SharedData.path("human_1kg_chr20/phased300.vcf.gz");
        Path vcf = dir.resolve("phased300.region.vcf.gz");
        assertEquals(0, bcftools("view", "-r", "20:1000000-1200000", "-Oz", "-o", vcf.toString(), full.toString()));
        GenotypeSource source = GenotypeSource.of(vcf, null);
        assertEquals(GenotypePartition.Kind.WHOLE, source.partitions(1000).get(0).kind()); // no index
        Process count = new ProcessBuilder("bcftools", "view", "-H", vcf.toString()).start();
        long records = new String(count.getInputStream().readAllBytes()).lines().count();
        assertEquals(0, count.waitFor());
        assertTrue(records > 1000, records + " records");
        GenotypeMatrix whole = readPartitions(List.of(GenotypePartition.whole(source)));
        assertEquals(records, whole.variantCount()); // bi-allelic sites: one variant per record
        for (String indexFlag : new String[] {"-t", "-c"}) { // .tbi, then .csi (bcftools' default)
            Files.deleteIfExists(Path.of(vcf + ".tbi"));
            assertEquals(0, bcftools("index", "-f", indexFlag, vcf.toString()));
            List<GenotypePartition> parts = source.partitions(500);
            assertTrue(parts.size() >= 3, indexFlag + ": " + parts.size() + " regions");
            for (GenotypePartition p : parts) {
                assertEquals(GenotypePartition.Kind.REGION, p.kind());
                assertEquals("20", p.contig());
            }
            assertSame(whole, readPartitions(parts));
        }
    }

    @Test
    void ownVcfOutputSplitsByEstimatedRecordCounts() throws Exception {
        // genosynth's VCF output is indexed by htsjdk's tabix writer, which writes no record counts: they are
        // estimated from each contig's first compressed megabyte (here every contig fits in it: counted)
        Path vcf = dir.resolve("mouse.out.vcf.gz");
        GenotypeMatrix whole;
        int[] keep = java.util.stream.IntStream.range(0, 100).map(i -> i * 19).toArray(); // 100 mice: seconds
        try (GenotypeReader r = GenotypeSource.of(mouseBed(), null).open();
             GenotypeWriter w = new SortingWriter(GenotypeFiles.create(vcf, GenotypeFormat.VCF,
                     r.sampleSheet().select(keep), WriteOptions.defaults()))) {
            VariantBlock b;
            while ((b = r.nextBlock(4096)) != null) {
                w.write(b.selectSamples(keep));
            }
            w.commit();
        }
        GenotypeSource source = GenotypeSource.of(vcf, null);
        whole = readPartitions(List.of(GenotypePartition.whole(source)));
        List<GenotypePartition> parts = source.partitions(200);
        assertTrue(parts.size() > 40, parts.size() + " regions"); // 12,226 variants on 19 contigs of 300-1,000
        long largest = 0;
        for (GenotypePartition p : parts) {
            try (GenotypeReader r = p.open()) {
                long n = 0;
                VariantBlock b;
                while ((b = r.nextBlock(4096)) != null) {
                    n += b.variantCount();
                }
                largest = Math.max(largest, n);
            }
        }
        assertTrue(largest <= 400, "largest region " + largest);
        assertSame(whole, readPartitions(parts));
    }

    @Test
    void csiIndexOfAWholeChromosomeCutsItIntoRegions() {
        // the shared 1000 Genomes chr20 VCF and bcftools' .csi: one contig, cut into regions of about 5,000 records
        GenotypeSource source = GenotypeSource.of(SharedData.path("human_1kg_chr20/phased300.vcf.gz"), null);
        List<GenotypePartition> parts = source.partitions(5000);
        assertTrue(parts.size() >= 2, parts.size() + " regions");
        long total = 0;
        long largest = 0;
        long previousStart = -1;
        for (GenotypePartition p : parts) {
            assertTrue(p.region().start() > previousStart);
            previousStart = p.region().start();
            long n = 0;
            try (GenotypeReader r = p.open()) {
                VariantBlock b;
                while ((b = r.nextBlock(4096)) != null) {
                    n += b.variantCount(); // variant columns only: genotypes are decoded where a block is used
                }
            }
            total += n;
            largest = Math.max(largest, n);
        }
        long whole = 0;
        try (GenotypeReader r = source.open()) {
            VariantBlock b;
            while ((b = r.nextBlock(4096)) != null) {
                whole += b.variantCount();
            }
        }
        System.out.println("chr20 csi regions: " + parts.size() + ", records " + whole + ", largest " + largest);
        assertEquals(whole, total);
        assertTrue(largest <= 7500, "largest region " + largest + " records of " + whole + " in " + parts.size());
    }

    private static int bcftools(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bcftools"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    @Test
    void bedBlocksTravelAsByteRanges() throws Exception {
        try (GenotypeReader reader = GenotypeSource.of(mouseBed(), null).open()) {
            reader.nextBlock(100);
            VariantBlock block = reader.nextBlock(2000);
            int[] keep = {5, 0, 1939};
            VariantBlock subset = block.selectSamplesOnDemand(keep);
            byte[] bytes = serialize(block);
            // 2000 x 1940 genotypes are 1 MB of words; the range and the variants' descriptions are far less
            assertTrue(bytes.length < 200_000, bytes.length + " bytes");
            VariantBlock back = (VariantBlock) deserialize(bytes);
            assertEquals(100, back.firstIndex());
            assertArrayEquals(block.genotypeWords(), back.genotypeWords());
            // after decoding it still travels as its range
            assertTrue(serialize(block).length < 200_000);
            VariantBlock subsetBack = (VariantBlock) deserialize(serialize(subset));
            assertArrayEquals(block.selectSamples(keep).genotypeWords(), subsetBack.genotypeWords());
            assertEquals(block.code(7, 1939), subsetBack.code(7, 2));
        }
    }

    @Test
    void bimbamBlocksTravelAsLineRanges() throws Exception {
        Path geno = gunzip(SharedData.mouse(".geno.txt.gz"), dir.resolve("mouse.geno.txt"));
        gunzip(SharedData.mouse(".anno.txt.gz"), dir.resolve("mouse.anno.txt"));
        GenotypeSource source = GenotypeSource.of(geno, null);
        GenotypeMatrix whole = readPartitions(source.partitions(1 << 20));
        try (GenotypeReader reader = source.open()) {
            reader.nextBlock(100);
            VariantBlock block = reader.nextBlock(2000);
            VariantBlock subset = block.selectSamplesOnDemand(new int[] {5, 0, 1939});
            byte[] bytes = serialize(block);
            // 2000 x 1940 dosages are 15 MB; the line range and the variants' descriptions are far less
            assertTrue(bytes.length < 200_000, bytes.length + " bytes");
            VariantBlock back = (VariantBlock) deserialize(bytes);
            assertEquals(100, back.firstIndex());
            assertEquals(block.variants(), back.variants());
            for (int i = 0; i < 2000; i += 37) {
                assertArrayEquals(whole.dosages(100 + i), back.dosages(i), "variant " + (100 + i));
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(whole.words(), 100 * back.wordsPerVariant(),
                    2100 * back.wordsPerVariant()), back.genotypeWords());
            assertTrue(serialize(block).length < 200_000); // still a range after decoding
            VariantBlock subsetBack = (VariantBlock) deserialize(serialize(subset));
            assertTrue(serialize(subset).length < 200_000);
            assertArrayEquals(new float[] {back.dosages(7)[5], back.dosages(7)[0], back.dosages(7)[1939]},
                    subsetBack.dosages(7));
        }
    }

    @Test
    void bgzippedVcfBlocksTravelAsRecordRanges() throws Exception {
        Path vcf = dir.resolve("unphased203.region.vcf.gz");
        assertEquals(0, bcftools("view", "-r", "20:1000000-1100000", "-Oz", "-o", vcf.toString(),
                SharedData.path("human_1kg_chr20/unphased203.vcf.gz").toString()));
        GenotypeSource source = GenotypeSource.of(vcf, null);
        try (GenotypeReader reader = source.open()) {
            reader.nextBlock(10);
            VariantBlock block = reader.nextBlock(500);
            VariantBlock eager = new VariantBlock(block.firstIndex(), block.sampleCount(), block.variants(),
                    block.genotypeWords(), null, null);
            byte[] bytes = serialize(block);
            assertTrue(bytes.length * 2 < serialize(eager).length, bytes.length + " bytes");
            VariantBlock back = (VariantBlock) deserialize(bytes);
            assertEquals(block.variants(), back.variants());
            assertArrayEquals(block.genotypeWords(), back.genotypeWords());
            for (int i = 0; i < block.variantCount(); i++) {
                assertArrayEquals(block.phase(i), back.phase(i));
            }
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
