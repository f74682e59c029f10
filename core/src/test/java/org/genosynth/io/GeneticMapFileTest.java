package org.genosynth.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.genosynth.model.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Genetic map files in their common layouts, and variants placed by them on reading. */
class GeneticMapFileTest {
    @TempDir
    Path dir;

    @Test
    void shapeitHeaderLayoutGzippedInterpolatesLinearly() throws IOException {
        Path f = dir.resolve("chr20.gmap.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write("pos\tchr\tcM\n1000\t20\t0.5\n3000\t20\t1.5\n".getBytes(StandardCharsets.UTF_8));
        }
        GeneticMapFile map = GeneticMapFile.read(f);
        assertThat(map.chromosome("20").at(2000)).isCloseTo(1.0, within(1e-12));
        assertThat(map.chromosome("chr20").at(2500)).isCloseTo(1.25, within(1e-12));
        assertThat(map.chromosome("20").at(10)).isEqualTo(0.5); // constant beyond the ends
        assertThat(map.chromosome("20").at(9000)).isEqualTo(1.5);
        assertThat(map.chromosome("21")).isNull();
    }

    @Test
    void hapMapHeaderPlainColumnsSexSpecificAndPlinkMap() throws IOException {
        Path hapmap = Files.writeString(dir.resolve("hapmap.txt"),
                "Chromosome Position(bp) Rate(cM/Mb) Map(cM)\nchr1 100 2.0 0.0\nchr1 200 2.0 2.0\n");
        assertThat(GeneticMapFile.read(hapmap).chromosome("1").at(150)).isCloseTo(1.0, within(1e-12));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "1 100 0\n1 300 4\n");
        assertThat(GeneticMapFile.read(plain).chromosome("1").at(200)).isCloseTo(2.0, within(1e-12));
        Path sex = Files.writeString(dir.resolve("sex.txt"), "1 100 0 0\n1 300 2 6\n");
        GeneticMapFile.Points p = GeneticMapFile.read(sex).chromosome("1");
        assertThat(p.sexSpecific()).isTrue();
        assertThat(p.at(200, true)).isCloseTo(1.0, within(1e-12));
        assertThat(p.at(200, false)).isCloseTo(3.0, within(1e-12));
        assertThat(p.at(200)).isCloseTo(2.0, within(1e-12));
        Path plink = Files.writeString(dir.resolve("x.map"), "2 rs1 0.0 1000\n2 rs2 1.0 2000\n");
        assertThat(GeneticMapFile.read(plink).chromosome("2").at(1500)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aBadValueNamesFileLineAndField() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1 100 0\n1 200 x\n");
        assertThatThrownBy(() -> GeneticMapFile.read(bad)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.txt").hasMessageContaining("2").hasMessageContaining("cM")
                .hasMessageContaining("'x'");
        Path shifted = Files.writeString(dir.resolve("two.txt"), "1 100\n");
        assertThatThrownBy(() -> GeneticMapFile.read(shifted)).isInstanceOf(InputException.class)
                .hasMessageContaining("got 2 fields");
    }

    /**
     * The 1000 Genomes example VCF carries the SHAPEIT map in INFO/CM (its first record: CM=4.70307); with the b37
     * map file the same variant is placed between the file's two neighbouring points.
     */
    @Test
    void vcfInfoCmIsReadAndAMapFileReplacesIt() {
        Path vcf = SharedData.path("human_1kg_chr20/phased300.vcf.gz");
        Variant first;
        try (GenotypeReader r = GenotypeFiles.open(vcf, null)) {
            first = r.nextBlock(10).variants().get(0);
        }
        assertThat(first.position()).isEqualTo(1000226L);
        assertThat(first.centimorgan()).isEqualTo(4.70307);
        Path map = SharedData.path("human_1kg_chr20/chr20.b37.gmap.gz");
        try (GenotypeReader r = GenotypeFiles.open(vcf, ReadOptions.defaults().withGeneticMap(map))) {
            List<Variant> placed = r.nextBlock(10).variants();
            assertThat(placed.get(0).centimorgan()).isCloseTo(4.70, within(0.01)).isNotEqualTo(4.70307);
            assertThat(placed.get(1).centimorgan()).isGreaterThanOrEqualTo(placed.get(0).centimorgan());
        }
        Path other = dir.resolve("other.txt");
        try {
            Files.writeString(other, "1 100 0\n1 300 4\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThatThrownBy(() -> {
            try (GenotypeReader r = GenotypeFiles.open(vcf, ReadOptions.defaults().withGeneticMap(other))) {
                r.nextBlock(10);
            }
        }).isInstanceOf(InputException.class).hasMessageContaining("no map points for chromosome 20");
    }
}
