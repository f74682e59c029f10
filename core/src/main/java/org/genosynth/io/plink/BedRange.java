package org.genosynth.io.plink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.genosynth.io.InputException;
import org.genosynth.io.TextInput;
import org.genosynth.model.VariantBlock;

/**
 * A run of variants of a plain (not gzipped) variant-major .bed file, by byte offset: variant {@code v}'s genotypes
 * are the {@code ceil(samples / 4)} bytes at {@code 3 + v * ceil(samples / 4)}. Serializable (the path is kept as
 * text), so whichever process reads it, a local worker or a Spark executor, opens the file, maps its bytes and decodes
 * them itself: no sequential pass and nothing read on the driver.
 *
 * @param bed          the .bed file
 * @param sampleCount  samples per variant (from the .fam)
 * @param firstVariant index of the first variant in the file
 * @param variantCount number of variants
 */
public record BedRange(String bed, int sampleCount, long firstVariant, int variantCount)
        implements VariantBlock.GenotypeSlice {
    private static final long serialVersionUID = 1L;

    /** Bytes of one variant's row. */
    public int bytesPerVariant() {
        return (sampleCount + 3) / 4;
    }

    /** Byte offset of the first variant's row (after the 3-byte header). */
    public long byteOffset() {
        return 3 + firstVariant * bytesPerVariant();
    }

    /** Reads and decodes the range into genosynth's packed codes. */
    @Override
    public long[] get() {
        Path path = Path.of(bed);
        int len = Math.multiplyExact(variantCount, bytesPerVariant());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() < byteOffset() + len) {
                throw InputException.inFile(path, "has " + channel.size() + " bytes, too few for variants "
                        + firstVariant + ".." + (firstVariant + variantCount - 1) + " of " + sampleCount
                        + " samples; the file changed while it was read");
            }
            ByteBuffer raw = channel.map(FileChannel.MapMode.READ_ONLY, byteOffset(), len)
                    .order(ByteOrder.LITTLE_ENDIAN);
            return BedReader.decode(raw, variantCount, sampleCount, bytesPerVariant());
        } catch (IOException e) {
            throw TextInput.readFailure(path, e);
        }
    }
}
