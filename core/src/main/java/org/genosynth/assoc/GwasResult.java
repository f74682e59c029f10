package org.genosynth.assoc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a GWAS run produced.
 *
 * @param table          the association table ({@code OUT.gwas.tsv})
 * @param variantsTested variants with a finite test statistic
 * @param outputs        every file written (table first)
 * @param notes          human-readable notes (dropped samples, phenotype coding, skipped variants)
 * @param summary        named numbers for reports (e.g. {@code samples}, {@code variants}, {@code min_p})
 */
public record GwasResult(Path table, long variantsTested, List<Path> outputs, List<String> notes,
                         Map<String, Double> summary) {
    public GwasResult {
        outputs = List.copyOf(outputs);
        notes = List.copyOf(notes);
        summary = Map.copyOf(summary);
    }

    /** A few lines for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("tested ").append(variantsTested).append(" variants");
        Double samples = summary.get("samples");
        if (samples != null) {
            sb.append(" on ").append(samples.longValue()).append(" samples");
        }
        sb.append('\n');
        for (String note : notes) {
            sb.append("note: ").append(note).append('\n');
        }
        for (Path p : outputs) {
            sb.append("wrote ").append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
