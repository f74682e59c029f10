package org.genosynth.spike;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a spike-in.
 *
 * @param rows    one row per spiked variant: its carriers in total, in cases and in controls
 * @param samples cohort size
 * @param outputs files written
 * @param notes   remarks (e.g. contigs renamed)
 */
public record SpikeResult(List<Row> rows, int samples, List<Path> outputs, List<String> notes) {

    /** Carrier counts of one spike ({@code cases}/{@code controls} are -1 without a phenotype). */
    public record Row(String id, String chrom, long pos, String type, int carriers, int homozygous, int cases,
                      int controls) {
    }

    /** A short human-readable summary. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("spiked ").append(rows.size()).append(" variants into ").append(samples).append(" samples\n");
        sb.append(String.format("  %-20s %-6s %8s %6s %6s %8s%n", "ID", "TYPE", "CARRIERS", "HOM", "CASES",
                "CONTROLS"));
        int shown = 0;
        for (Row r : rows) {
            if (shown++ == 30) {
                sb.append("  ... (").append(rows.size() - 30).append(" more in the carriers table)\n");
                break;
            }
            sb.append(String.format("  %-20s %-6s %8d %6d %6s %8s%n", r.id(), r.type(), r.carriers(), r.homozygous(),
                    r.cases() < 0 ? "-" : Integer.toString(r.cases()),
                    r.controls() < 0 ? "-" : Integer.toString(r.controls())));
        }
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        for (Path p : outputs) {
            sb.append("wrote ").append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
