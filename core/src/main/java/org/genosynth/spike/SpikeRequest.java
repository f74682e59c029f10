package org.genosynth.spike;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Spiker#run} does.
 *
 * @param input         cohort VCF (.vcf or .vcf.gz)
 * @param spikes        the variants to insert (VCF, first eight columns)
 * @param design        YAML design
 * @param out           output prefix
 * @param contigAliases explicit spike-contig to cohort-contig names (chr1 vs 1 is matched without them)
 * @param seedOverride  a seed replacing the design's, or null
 */
public record SpikeRequest(Path input, Path spikes, Path design, String out, Map<String, String> contigAliases,
                           Long seedOverride) {
}
