package org.genosynth.reads;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a read simulation.
 *
 * @param pairs    read pairs written
 * @param variants variant alleles applied (golden VCF records)
 * @param outputs  files written
 * @param notes    remarks
 */
public record ReadsResult(long pairs, long variants, List<Path> outputs, List<String> notes) {
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("simulated ").append(pairs).append(" read pairs carrying ").append(variants)
                .append(" variant records\n");
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        for (Path p : outputs) {
            sb.append("wrote ").append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
