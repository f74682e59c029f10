package org.genosynth.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.SharedData;
import org.genosynth.io.WriteOptions;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;
import org.genosynth.qc.QcRequest;
import org.genosynth.qc.QcSummary;
import org.genosynth.testing.PeerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of the real mouse_hs1940 cohort through every format, and the peer tools reading what we write:
 * bed -> VCF.gz -> bed and bed -> BIMBAM -> bed keep every genotype; bcftools reads our VCF.gz and its index; plink2
 * reads our .bed and writes back identical bytes; BIMBAM dosages keep their non-integer values through VCF DS.
 */
class RoundTripTest {
    @TempDir
    Path dir;

    /** All blocks of an input, in memory (the mouse cohort is small). */
    record Loaded(SampleSheet samples, List<Variant> variants, List<long[]> rows, List<float[]> dosages) {
        Map<String, Integer> indexById() {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < variants.size(); i++) {
                m.put(variants.get(i).id(), i);
            }
            return m;
        }
    }

    static Loaded load(Path path, GenotypeFormat format) {
        try (GenotypeReader r = GenotypeFiles.open(path, ReadOptions.defaults().withFormat(format))) {
            List<Variant> variants = new ArrayList<>();
            List<long[]> rows = new ArrayList<>();
            List<float[]> dosages = new ArrayList<>();
            VariantBlock b;
            while ((b = r.nextBlock(1000)) != null) {
                for (int i = 0; i < b.variantCount(); i++) {
                    variants.add(b.variant(i));
                    long[] row = new long[b.wordsPerVariant()];
                    System.arraycopy(b.genotypeWords(), b.offset(i), row, 0, row.length);
                    rows.add(row);
                    dosages.add(b.dosages(i));
                }
            }
            return new Loaded(r.sampleSheet(), variants, rows, dosages);
        }
    }

    private QcSummary convert(Path in, Path out, GenotypeFormat format) {
        return Conversion.run(QcRequest.of(in), out, format, WriteOptions.defaults(), ProgressListener.NONE);
    }

    /** The genotype as allele text ("A/G", "./."): what must survive when a format recodes alleles. */
    static String alleles(Variant v, int code) {
        String alt = v.isMonomorphicSite() ? v.ref() : v.alt();
        return switch (code) {
            case 0 -> v.ref() + "/" + v.ref();
            case 1 -> v.ref() + "/" + alt;
            case 2 -> alt + "/" + alt;
            default -> "./.";
        };
    }

    @Test
    void bedToVcfGzToBedKeepsEveryGenotypeVcfCanHold() {
        Path bed = SharedData.mouse(".bed.gz");
        Loaded original = load(bed, null);
        QcSummary toVcf = convert(bed, dir.resolve("mouse.vcf.gz"), GenotypeFormat.VCF);
        assertThat(toVcf.notes()).anyMatch(n -> n.contains("1926 variants with unknown position"));
        assertThat(dir.resolve("mouse.pheno.tsv")).as("written only when asked (convert --pheno-out)").doesNotExist();
        assertThat(toVcf.notes()).anyMatch(n -> n.contains("6 sample column(s) not written"));
        convert(dir.resolve("mouse.vcf.gz"), dir.resolve("back"), GenotypeFormat.BED);
        Loaded back = load(dir.resolve("back.bed"), null);

        assertThat(back.variants()).hasSize(12226 - 1926);
        assertThat(back.samples().samples()).isEqualTo(original.samples().samples());
        Map<String, Integer> backIndex = back.indexById();
        int n = original.samples().size();
        int compared = 0;
        for (int i = 0; i < original.variants().size(); i++) {
            Variant v = original.variants().get(i);
            if (!v.hasPosition()) {
                continue;
            }
            int j = backIndex.get(v.id());
            Variant w = back.variants().get(j);
            assertThat(w.position()).isEqualTo(v.position());
            for (int s = 0; s < n; s++) {
                assertThat(alleles(w, GenotypeCodes.get(back.rows().get(j), 0, s)))
                        .isEqualTo(alleles(v, GenotypeCodes.get(original.rows().get(i), 0, s)));
            }
            if (!v.isMonomorphicSite()) {
                assertThat(back.rows().get(j)).as(v.id()).isEqualTo(original.rows().get(i));
            }
            compared++;
        }
        assertThat(compared).isEqualTo(10300);
    }

    @Test
    void bedToBimbamToBedIsExact() throws IOException {
        Path bed = SharedData.mouse(".bed.gz");
        Loaded original = load(bed, null);
        convert(bed, dir.resolve("mouse"), GenotypeFormat.BIMBAM);
        assertThat(dir.resolve("mouse.geno.txt.gz")).exists();
        assertThat(dir.resolve("mouse.anno.txt")).exists();
        convert(dir.resolve("mouse.geno.txt.gz"), dir.resolve("back"), GenotypeFormat.BED);
        Loaded back = load(dir.resolve("back"), null);
        assertThat(back.variants()).isEqualTo(original.variants());
        assertThat(back.samples().samples()).isEqualTo(original.samples().samples());
        assertThat(back.samples().columns().names()).isEqualTo(original.samples().columns().names());
        assertThat(java.util.Arrays.deepEquals(back.samples().columns().columns(),
                original.samples().columns().columns())).as("fam phenotype columns, NaN = missing").isTrue();
        for (int i = 0; i < original.rows().size(); i++) {
            assertThat(back.rows().get(i)).as(original.variants().get(i).id()).isEqualTo(original.rows().get(i));
        }
    }

    @Test
    void bcftoolsReadsOurVcfGzAndItsIndex() throws IOException {
        convert(SharedData.mouse(".bed.gz"), dir.resolve("mouse.vcf.gz"), GenotypeFormat.VCF);
        String records = PeerTool.run(dir, "bcftools", "view", "-H", "mouse.vcf.gz");
        assertThat(records.lines().count()).isEqualTo(10300);
        String region = PeerTool.run(dir, "bcftools", "view", "-H", "-r", "17:30000000-40000000", "mouse.vcf.gz");
        long expected = load(SharedData.mouse(".bed.gz"), null).variants().stream()
                .filter(v -> v.chrom().equals("17") && v.position() >= 30_000_000 && v.position() <= 40_000_000)
                .count();
        assertThat(expected).isPositive();
        assertThat(region.lines().count()).isEqualTo(expected);
        String samples = PeerTool.run(dir, "bcftools", "query", "-l", "mouse.vcf.gz");
        assertThat(samples.lines().count()).isEqualTo(1940);
        // genotype text of one record equals ours
        String first = PeerTool.run(dir, "bcftools", "query", "-r", "1:3197400", "-f", "[%GT ]\\n",
                "mouse.vcf.gz").strip();
        Loaded original = load(SharedData.mouse(".bed.gz"), null);
        StringBuilder ours = new StringBuilder();
        for (int s = 0; s < 1940; s++) {
            int code = GenotypeCodes.get(original.rows().get(0), 0, s);
            ours.append(code == 0 ? "0/0" : code == 1 ? "0/1" : code == 2 ? "1/1" : "./.").append(' ');
        }
        assertThat(first).isEqualTo(ours.toString().strip());
    }

    @Test
    void plink2ReadsOurBedAndWritesIdenticalGenotypes() throws IOException {
        // via VCF so that every variant has a position (plink2 drops unknown positions) and the order was re-sorted
        convert(SharedData.mouse(".bed.gz"), dir.resolve("mouse.vcf.gz"), GenotypeFormat.VCF);
        convert(dir.resolve("mouse.vcf.gz"), dir.resolve("ours"), GenotypeFormat.BED);
        PeerTool.run(dir, "plink2", "--bfile", "ours", "--make-bed", "--out", "plink");
        assertThat(Files.readAllBytes(dir.resolve("plink.bed"))).isEqualTo(Files.readAllBytes(dir.resolve("ours.bed")));
        assertThat(Files.readAllLines(dir.resolve("plink.bim")).stream().map(l -> l.split("\t")[1]).toList())
                .isEqualTo(Files.readAllLines(dir.resolve("ours.bim")).stream().map(l -> l.split("\t")[1]).toList());
    }

    @Test
    void bimbamDosagesKeepTheirValuesThroughVcfDs() {
        Path geno = SharedData.mouse(".geno.txt.gz");
        Loaded original = load(geno, GenotypeFormat.BIMBAM);
        convert(geno, dir.resolve("dosage.vcf.gz"), GenotypeFormat.VCF);
        convert(dir.resolve("dosage.vcf.gz"), dir.resolve("dosage-back"), GenotypeFormat.BIMBAM);
        Loaded back = load(dir.resolve("dosage-back.geno.txt.gz"), GenotypeFormat.BIMBAM);
        Map<String, Integer> backIndex = back.indexById();
        int nonInteger = 0;
        for (int i = 0; i < original.variants().size(); i++) {
            Variant v = original.variants().get(i);
            Integer j = backIndex.get(v.id());
            if (!v.hasPosition()) {
                assertThat(j).isNull();
                continue;
            }
            float[] a = original.dosages().get(i);
            float[] b = back.dosages().get(j);
            assertThat(b).as(v.id()).isEqualTo(a);
            for (float x : a) {
                nonInteger += x != Math.rint(x) ? 1 : 0;
            }
        }
        assertThat(nonInteger).isGreaterThan(10_000);
    }
}
