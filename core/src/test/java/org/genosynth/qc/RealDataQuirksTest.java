package org.genosynth.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.convert.Conversion;
import org.genosynth.exec.ProgressListener;
import org.genosynth.io.GenotypeFormat;
import org.genosynth.io.WriteOptions;
import org.genosynth.testing.PeerTool;
import org.genosynth.testing.PeerTool.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quirks of real files that must be handled, not crashed on: duplicate variant IDs, allele code 0, bp -9. */
class RealDataQuirksTest {
    @TempDir
    Path dir;

    /** 4 samples x 4 variants: a duplicated ID, a monomorphic site coded 0, an unknown position. */
    private Path fileset() throws IOException {
        Files.write(dir.resolve("q.fam"), List.of("f1 s1 0 0 1 -9", "f1 s2 0 0 2 -9", "f2 s3 s1 s2 1 -9",
                "f3 s4 nobody 0 2 -9"));
        Files.write(dir.resolve("q.bim"), List.of("1\tdup\t0\t100\tA\tG", "1\tdup\t0\t200\tC\tT",
                "1\tmono\t0\t300\t0\tG", "2\tnopos\t0\t-9\tA\tC"));
        // codes per variant, samples 1..4, .bed encoding 00 homA1, 10 het, 11 homA2, 01 missing
        byte[] bed = {0x6c, 0x1b, 0x01,
            (byte) 0b11_10_00_11, (byte) 0b01_11_10_10, (byte) 0b11_11_11_11, (byte) 0b00_10_11_10};
        Files.write(dir.resolve("q.bed"), bed);
        return dir.resolve("q");
    }

    @Test
    void duplicateIdsMonomorphicCodeAndUnknownPositionAreReportedNotRejected() throws IOException {
        QcSummary s = QcPipeline.run(QcRequest.of(fileset()),
                new QcPipeline.Sinks(dir.resolve("out").toString(), true, null, null));
        assertThat(s.variantsKept()).isEqualTo(4);
        assertThat(s.unknownPosition()).isEqualTo(1);
        assertThat(s.founders()).as("s3's parents are samples; s4's father names nobody").isEqualTo(3);
        Table freq = PeerTool.readTable(dir.resolve("out.afreq"));
        assertThat(freq.rows()).extracting(r -> r[freq.column("ID")]).containsExactly("dup", "dup", "mono", "nopos");
        assertThat(freq.rows().get(2)[freq.column("ALT")]).isEqualTo(".");
        assertThat(freq.rows().get(2)[freq.column("ALT_FREQS")]).isEqualTo("0");
        assertThat(freq.rows().get(3)[freq.column("POS")]).isEqualTo("NA");
    }

    @Test
    void monomorphicSiteBecomesAltDotInVcfAndZeroAgainInBed() throws IOException {
        Path in = fileset();
        QcSummary toVcf = Conversion.run(QcRequest.of(in), dir.resolve("q.vcf"), GenotypeFormat.VCF,
                WriteOptions.defaults(), ProgressListener.NONE);
        assertThat(toVcf.notes()).anyMatch(n -> n.contains("unknown position"));
        List<String> records = Files.readAllLines(dir.resolve("q.vcf")).stream().filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(records).hasSize(3);
        assertThat(records.get(2).split("\t")[4]).isEqualTo(".");
        Conversion.run(QcRequest.of(dir.resolve("q.vcf")), dir.resolve("back"), GenotypeFormat.BED,
                WriteOptions.defaults(), ProgressListener.NONE);
        assertThat(Files.readAllLines(dir.resolve("back.bim")).get(2).split("\t")[4]).isEqualTo("0");
    }
}
