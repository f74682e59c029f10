package org.genosynth.qc;

import java.nio.file.Path;
import org.genosynth.io.ReadOptions;

/**
 * What to read and filter.
 *
 * @param input       genotype input path
 * @param read        how to read it
 * @param keep        samples to keep (null: all)
 * @param remove      samples to remove (null: none)
 * @param extract     variant IDs to keep (null: all)
 * @param exclude     variant IDs to remove (null: none)
 * @param thresholds  --maf --geno --mind --hwe
 * @param nonfounders count every sample in frequencies and HWE (default: founders only, as plink2)
 * @param threads     worker threads ({@code <= 0}: all processors)
 */
public record QcRequest(Path input, ReadOptions read, Path keep, Path remove, Path extract, Path exclude,
                        QcThresholds thresholds, boolean nonfounders, int threads) {
    public QcRequest {
        read = read == null ? ReadOptions.defaults() : read;
        thresholds = thresholds == null ? QcThresholds.none() : thresholds;
    }

    /** Everything, no filters. */
    public static QcRequest of(Path input) {
        return new QcRequest(input, null, null, null, null, null, null, false, 0);
    }
}
