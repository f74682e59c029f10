package org.genosynth.io.vcf;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgzfEofTest {
    @TempDir
    Path dir;

    private static final byte[] TEXT = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aBgzfFileWithoutItsEofBlockGetsAWarningLikeBcftools() throws IOException {
        Path withEof = dir.resolve("a.vcf.gz");
        try (BlockCompressedOutputStream o = new BlockCompressedOutputStream(withEof.toFile())) {
            o.write(TEXT);
        }
        Path without = dir.resolve("b.vcf.gz");
        BlockCompressedOutputStream o = new BlockCompressedOutputStream(without.toFile());
        o.write(TEXT);
        o.close(false); // no terminator block, as a truncated copy
        assertThat(Files.size(without)).isEqualTo(Files.size(withEof) - 28);
        assertThat(VcfReader.missingBgzfEof(withEof)).isNull();
        assertThat(VcfReader.missingBgzfEof(without)).isEqualTo(without
                + " has no BGZF EOF marker: the file may be truncated (bcftools warns about it too)");
        Path gzip = dir.resolve("c.vcf.gz"); // plain gzip has no EOF block to miss
        try (OutputStream g = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            g.write(TEXT);
        }
        assertThat(VcfReader.missingBgzfEof(gzip)).isNull();
    }
}
