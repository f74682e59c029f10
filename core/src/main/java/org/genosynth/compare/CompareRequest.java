package org.genosynth.compare;

import java.nio.file.Path;

/**
 * What {@link VcfCompare#run} does.
 *
 * @param truth          truth VCF
 * @param calls          call set VCF
 * @param regions        BED restricting both sets, or null
 * @param reference      reference FASTA for left-alignment, or null (then indels are only trimmed)
 * @param truthSample    sample of the truth VCF (null: the first; sites-only files count every record)
 * @param callsSample    sample of the calls VCF (null: the first)
 * @param out            output prefix
 * @param svMaxDistance  largest breakpoint distance (bp) for two SVs to match
 * @param svMinSizeRatio smallest size similarity (shorter / longer length) for two SVs to match
 * @param allFilters     also count calls whose FILTER is not PASS or '.'
 */
public record CompareRequest(Path truth, Path calls, Path regions, Path reference, String truthSample,
                             String callsSample, String out, int svMaxDistance, double svMinSizeRatio,
                             boolean allFilters) {
}
