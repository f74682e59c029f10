package org.genosynth.qc;

import java.nio.file.Path;
import java.util.List;

/**
 * What a QC or conversion pass saw and did.
 *
 * @param samplesRead        samples in the input
 * @param samplesKept        samples after keep/remove and --mind
 * @param samplesRemovedMind samples removed by --mind
 * @param founders           founders among the kept samples (used for frequencies and HWE)
 * @param variantsRead       variants read (after extract/exclude)
 * @param variantsKept       variants passing every filter
 * @param removedGeno        variants removed by --geno
 * @param removedHwe         variants removed by --hwe
 * @param removedMaf         variants removed by --maf
 * @param unknownPosition    kept variants whose position is unknown
 * @param monomorphic        kept variants without both alleles among founders
 * @param hweBelow1e6        kept variants with HWE p < 1e-6
 * @param genotypeRate       call rate over kept samples x kept variants
 * @param meanHeterozygosity mean per-sample heterozygosity at polymorphic variants
 * @param outputs            files written
 * @param notes              warnings worth reading
 */
public record QcSummary(int samplesRead, int samplesKept, int samplesRemovedMind, int founders, long variantsRead,
                        long variantsKept, long removedGeno, long removedHwe, long removedMaf, long unknownPosition,
                        long monomorphic, long hweBelow1e6, double genotypeRate, double meanHeterozygosity,
                        List<Path> outputs, List<String> notes) {

    /** A short human-readable report. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("samples   %,d read, %,d kept (%,d founders)", samplesRead, samplesKept, founders));
        if (samplesRemovedMind > 0) {
            sb.append(String.format(", %,d removed by --mind", samplesRemovedMind));
        }
        sb.append('\n').append(String.format("variants  %,d read, %,d kept", variantsRead, variantsKept));
        if (removedGeno + removedHwe + removedMaf > 0) {
            sb.append(String.format(" (removed: %,d --geno, %,d --hwe, %,d --maf)", removedGeno, removedHwe,
                    removedMaf));
        }
        sb.append('\n').append(String.format("          %,d monomorphic, %,d with unknown position, %,d with HWE p < 1e-6",
                monomorphic, unknownPosition, hweBelow1e6));
        sb.append('\n').append(String.format("genotypes call rate %.4f, mean heterozygosity %.4f", genotypeRate,
                meanHeterozygosity));
        for (String note : notes) {
            sb.append("\nnote: ").append(note);
        }
        for (Path p : outputs) {
            sb.append("\nwrote ").append(p);
        }
        return sb.toString();
    }
}
