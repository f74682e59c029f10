package org.genosynth.io.vcf;

import java.util.List;
import org.genosynth.model.Sample;

/** The VCF header genosynth writes: known once all records are written, because it lists every contig. */
final class HeaderText {
    private HeaderText() {
    }

    /**
     * @param samples     the samples (for {@code ##SAMPLE} lines)
     * @param columns     sample column names
     * @param contigs     chromosomes in order of appearance
     * @param withDosage  whether some record carries FORMAT DS
     * @param withCentimorgan whether some record carries INFO CM
     */
    static String build(List<Sample> samples, List<String> columns, List<String> contigs, boolean withDosage,
            boolean withCentimorgan) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("##fileformat=VCFv4.2\n");
        sb.append("##FILTER=<ID=PASS,Description=\"All filters passed\">\n");
        sb.append("##source=genosynth\n");
        for (String contig : contigs) {
            sb.append("##contig=<ID=").append(contig).append(">\n");
        }
        if (withCentimorgan) {
            sb.append("##INFO=<ID=CM,Number=1,Type=Float,Description=\"Genetic position (cM)\">\n");
        }
        sb.append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        if (withDosage) {
            sb.append("##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"ALT allele dosage (expected ALT copies)\">\n");
        }
        if (SampleHeaderLines.needed(samples)) {
            for (String line : SampleHeaderLines.format(samples, columns)) {
                sb.append(line).append('\n');
            }
        }
        sb.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        if (!columns.isEmpty()) {
            sb.append("\tFORMAT");
            for (String c : columns) {
                sb.append('\t').append(c);
            }
        }
        return sb.append('\n').toString();
    }
}
