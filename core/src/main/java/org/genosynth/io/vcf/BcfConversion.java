package org.genosynth.io.vcf;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;

/**
 * Writes BCF from a complete header and a bgzipped body of VCF data lines. BCF records refer to contigs by their index
 * in the header, so BCF can only be encoded once every contig is known: the writer spools text and converts here.
 * htsjdk encodes BCF 2.1, uncompressed; the output is marked 2.2 (see {@link PatchedBcfStream}) and bgzipped, so
 * bcftools reads and indexes it.
 */
final class BcfConversion {
    private BcfConversion() {
    }

    static void convert(String headerText, Path vcfBody, Path bcfOut) throws IOException {
        VCFCodec codec = new VCFCodec();
        VCFHeader header = (VCFHeader) codec.readActualHeader(
                new ListLineIterator(Arrays.asList(headerText.split("\n")).iterator()));
        OutputStream bgzf = new BlockCompressedOutputStream(
                new BufferedOutputStream(Files.newOutputStream(bcfOut), 1 << 16), (Path) null);
        VariantContextWriter writer = new VariantContextWriterBuilder()
                .setOutputBCFStream(new PatchedBcfStream(bgzf))
                .clearOptions()
                .setOption(Options.ALLOW_MISSING_FIELDS_IN_HEADER)
                .build();
        try (writer; BufferedReader body = new BufferedReader(new InputStreamReader(
                new BlockCompressedInputStream(Files.newInputStream(vcfBody)), StandardCharsets.US_ASCII), 1 << 16)) {
            writer.writeHeader(header);
            String line;
            while ((line = body.readLine()) != null) {
                writer.add(codec.decode(line));
            }
        }
    }
}
