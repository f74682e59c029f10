package org.genosynth.io.vcf;

import java.nio.charset.StandardCharsets;
import org.genosynth.model.Chromosomes;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Formats one variant of a block as a VCF data line (with trailing newline).
 *
 * <p>Ploidy as plink2 {@code --export vcf} writes it: a male's homozygous or missing call on chromosome X, and every
 * sample's on Y and MT, is haploid ({@code 0}, {@code 1}, {@code .}); a heterozygous call stays diploid, as does
 * every call of a sample of unknown sex on X, and every call of a line that carries dosages (DS is diploid).
 *
 * <p>Alleles: a missing or PLINK "0" REF is written as {@code N}; a missing ALT, or an ALT equal to REF, is written as
 * {@code .}. At such monomorphic sites every called genotype is written REF/REF when ALT equals REF (its copies are
 * REF copies), and as missing when ALT is unknown; DS is not written there.
 */
final class RecordFormatter {
    private static final String[] UNPHASED = {"0/0", "0/1", "1/1", "./."};
    private static final String[] PHASED = {"0|0", "0|1", "1|1", "./."};
    private static final String[] HAPLOID = {"0", "0/1", "1", "."};

    private final int sampleCount;
    private final boolean writeDosage;
    /** Per sample, male (haploid on X); null when no sample is. */
    private final boolean[] male;
    private final StringBuilder sb = new StringBuilder(256);

    RecordFormatter(int sampleCount, boolean writeDosage, boolean[] male) {
        this.sampleCount = sampleCount;
        this.writeDosage = writeDosage;
        this.male = male;
    }

    /** True when the line for variant {@code i} carries FORMAT DS. */
    boolean writesDosage(VariantBlock block, int i) {
        return writeDosage && sampleCount > 0 && block.dosages(i) != null
                && !block.variant(i).isMonomorphicSite() && !isMissingAllele(block.variant(i).alt());
    }

    /**
     * True when the line carries the genetic position as {@code INFO/CM} (as SHAPEIT's and Beagle's files do): when it
     * is known and not 0, which is how PLINK's {@code .bim} says "unknown" (a map's true 0 at a chromosome's start
     * reads back as unknown, which a map treats alike).
     */
    static boolean writesCentimorgan(Variant v) {
        return v.hasCentimorgan() && v.centimorgan() != 0 && Double.isFinite(v.centimorgan());
    }

    /** The ASCII bytes of the line for variant {@code i}. */
    byte[] format(VariantBlock block, int i) {
        Variant v = block.variant(i);
        sb.setLength(0);
        sb.append(v.chrom()).append('\t').append(v.position()).append('\t').append(v.id()).append('\t')
                .append(refText(v)).append('\t').append(altText(v)).append("\t.\t.\t");
        if (writesCentimorgan(v)) {
            sb.append("CM=").append(org.genosynth.io.NumberText.formatDouble(v.centimorgan()));
        } else {
            sb.append('.');
        }
        if (sampleCount > 0) {
            boolean ds = writesDosage(block, i);
            sb.append(ds ? "\tGT:DS" : "\tGT");
            appendGenotypes(block, i, ds);
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void appendGenotypes(VariantBlock block, int i, boolean ds) {
        Variant v = block.variant(i);
        long[] phase = block.phase(i);
        String[] texts = phase != null ? PHASED : UNPHASED;
        int monomorphic = isMissingAllele(v.alt()) ? GenotypeCodes.MISSING : v.alt().equals(v.ref()) ? 0 : -1;
        float[] dosages = ds ? block.dosages(i) : null;
        long[] words = block.genotypeWords();
        int offset = block.offset(i);
        boolean x = !ds && male != null && Chromosomes.isX(v.chrom());
        // Y and MT: the non-autosomes other than X
        boolean allHaploid = !ds && !Chromosomes.isAutosome(v.chrom()) && !Chromosomes.isX(v.chrom());
        for (int s = 0; s < sampleCount; s++) {
            int code = GenotypeCodes.get(words, offset, s);
            sb.append('\t');
            if (monomorphic >= 0 && code != 0 && code != GenotypeCodes.MISSING) {
                code = monomorphic;
            }
            if (code == GenotypeCodes.HET && phase != null && (phase[s >>> 6] >>> (s & 63) & 1L) != 0) {
                sb.append("1|0");
            } else if (allHaploid || x && male[s]) {
                sb.append(HAPLOID[code]);
            } else {
                sb.append(texts[code]);
            }
            if (dosages != null) {
                sb.append(':');
                appendFloat(dosages[s]);
            }
        }
    }

    /** Shortest plain decimal that reads back as the same float (no exponent); "." for NaN. */
    void appendFloat(float value) {
        if (Float.isNaN(value)) {
            sb.append('.');
            return;
        }
        sb.append(org.genosynth.io.NumberText.formatFloat(value));
    }

    static String refText(Variant v) {
        return isMissingAllele(v.ref()) ? "N" : v.ref();
    }

    static String altText(Variant v) {
        return v.isMonomorphicSite() || isMissingAllele(v.alt()) ? Variant.MISSING_ALLELE : v.alt();
    }

    private static boolean isMissingAllele(String allele) {
        return allele.isEmpty() || allele.equals(".") || allele.equals("0");
    }
}
