package org.genosynth.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a synthesis run did.
 *
 * @param samples        synthetic samples written
 * @param variants       variants written
 * @param counts         synthetic samples per population
 * @param segmentCm      mean segment length used (mosaic), NaN otherwise
 * @param rejected       candidate genomes rejected by the kinship check or redrawn by the ancestry filter
 * @param maxKinship     largest KING kinship (IBS share on haploid-like coding) of an accepted synthetic genome to any
 *                       real genome (NaN = not checked)
 * @param outputs        files written
 * @param manifest       the manifest's content
 */
public record SynthResult(int samples, int variants, Map<String, Integer> counts, double segmentCm, int rejected,
                          double maxKinship, List<Path> outputs, Map<String, Object> manifest) {
    /** A short report. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "synthesized %,d samples x %,d variants (%s)", samples, variants, manifest.get("method")));
        sb.append("\nper population: ").append(counts);
        if (!Double.isNaN(segmentCm)) {
            sb.append(String.format(java.util.Locale.ROOT, "\nmean segment length %.3g cM", segmentCm));
        }
        if (!Double.isNaN(maxKinship)) {
            boolean ibs = manifest.get("kinship_check") instanceof Map<?, ?> check
                    && check.containsKey("max_ibs_to_real");
            sb.append(String.format(java.util.Locale.ROOT, "\nmax %s to a real genome %.4f; %d candidates rejected",
                    ibs ? "IBS share" : "KING kinship", maxKinship, rejected));
        } else if (rejected > 0) {
            sb.append("\n").append(rejected).append(" candidates redrawn");
        }
        if (manifest.get("notes") instanceof List<?> notes) {
            notes.forEach(n -> sb.append("\nnote: ").append(n));
        }
        outputs.forEach(p -> sb.append("\nwrote ").append(p));
        return sb.toString();
    }
}
