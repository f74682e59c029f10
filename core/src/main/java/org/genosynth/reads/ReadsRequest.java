package org.genosynth.reads;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link ReadSimulator#run} does.
 *
 * @param reference        reference FASTA
 * @param vcf              VCF holding the sample
 * @param sample           sample ID
 * @param targets          capture targets (BED), or null for whole-genome
 * @param targetPadding    bases added to each side of every target
 * @param coverage         mean depth (read bases per base; on targets with --targets)
 * @param readLength       bases per read
 * @param fragmentMean     mean fragment (insert) length
 * @param fragmentSd       its standard deviation
 * @param qualityModel     learned model file, or null for the default
 * @param out              output prefix
 * @param seed             random seed
 * @param threads          worker threads (0 = all processors)
 * @param goldenBam        write the golden BAM
 * @param compressionLevel gzip level of the FASTQ files (1..9)
 * @param contigAliases    explicit VCF/BED contig to reference contig names
 */
public record ReadsRequest(Path reference, Path vcf, String sample, Path targets, int targetPadding,
                           double coverage, int readLength, int fragmentMean, int fragmentSd, Path qualityModel,
                           String out, long seed, int threads, boolean goldenBam, int compressionLevel,
                           Map<String, String> contigAliases) {
}
