package org.genosynth.io.vcf;

import java.util.ArrayList;
import java.util.List;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.GenotypesContext;
import htsjdk.variant.variantcontext.VariantContext;
import org.genosynth.io.ReadOptions.MultiallelicPolicy;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;

/**
 * Turns one htsjdk record into bi-allelic sites: GT to ALT-copy codes and phase bits, FORMAT DS to dosages. In the site
 * for ALT k of a multi-allelic record, any other ALT counts as reference (as {@code bcftools norm -m-}).
 */
final class SiteDecoder {
    private static final String DS = "DS";

    private final RecordSource source;
    private final MultiallelicPolicy policy;
    private final int sampleCount;
    private long droppedMultiallelicDosages;

    SiteDecoder(RecordSource source, MultiallelicPolicy policy, int sampleCount) {
        this.source = source;
        this.policy = policy;
        this.sampleCount = sampleCount;
    }

    /** Number of multi-allelic records whose DS values were dropped (DS is not split). */
    long droppedMultiallelicDosages() {
        return droppedMultiallelicDosages;
    }

    /** The sites of one record, in ALT order. */
    List<DecodedSite> decode(VariantContext vc) {
        List<Variant> variants = variants(vc);
        List<Allele> alts = vc.getAlternateAlleles();
        GenotypesContext genotypes = vc.getGenotypes();
        if (alts.size() > 1 && hasAnyDosage(genotypes)) {
            droppedMultiallelicDosages++;
        }
        List<DecodedSite> sites = new ArrayList<>(variants.size());
        if (alts.isEmpty()) {
            sites.add(decodeSite(vc, genotypes, variants.get(0), null, 0, true));
        }
        for (int k = 0; k < alts.size(); k++) {
            sites.add(decodeSite(vc, genotypes, variants.get(k), alts.get(k), k, alts.size() <= 1));
        }
        return sites;
    }

    /**
     * The variants of one record's sites, in ALT order, from its fixed columns only (its genotypes stay unparsed),
     * after the checks of those columns {@link #decode} makes.
     */
    List<Variant> variants(VariantContext vc) {
        if (vc.getStart() < 0) {
            throw source.error("POS", "position " + vc.getStart() + " is negative (VCF positions start at 1)");
        }
        List<Allele> alts = vc.getAlternateAlleles();
        if (alts.size() > 1 && policy == MultiallelicPolicy.REJECT) {
            throw source.error("ALT", "record " + vc.getContig() + ":" + vc.getStart() + " has " + alts.size()
                    + " ALT alleles (" + String.join(",", alts.stream().map(Allele::getDisplayString).toList())
                    + "); use --multiallelic split, or split it first with 'bcftools norm -m-'");
        }
        String ref = vc.getReference().getDisplayString();
        double cm = centimorgan(vc);
        if (alts.isEmpty()) {
            return List.of(new Variant(vc.getContig(), vc.getStart(), vc.getID(), ref, Variant.MISSING_ALLELE, cm));
        }
        List<Variant> variants = new ArrayList<>(alts.size());
        for (Allele alt : alts) {
            variants.add(new Variant(vc.getContig(), vc.getStart(), vc.getID(), ref, alt.getDisplayString(), cm));
        }
        return variants;
    }

    /**
     * Counts, as {@link #decode} does, a multi-allelic record whose DS values will be dropped (its genotypes are
     * parsed: call it only when its FORMAT has DS, {@link #formatHasDosage}, rare at multi-allelic sites).
     */
    void countDroppedDosages(VariantContext vc) {
        if (vc.getAlternateAlleles().size() > 1 && hasAnyDosage(vc.getGenotypes())) {
            droppedMultiallelicDosages++;
        }
    }

    /** True when the FORMAT column (the ninth) of a record's text names DS. */
    static boolean formatHasDosage(String line) {
        int start = 0;
        for (int tab = 0; tab < 8; tab++) {
            start = line.indexOf('\t', start) + 1;
            if (start == 0) {
                return false;
            }
        }
        int end = line.indexOf('\t', start);
        String format = end < 0 ? line.substring(start) : line.substring(start, end);
        for (String key : format.split(":")) {
            if (key.equals(DS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The genetic position of a record from {@code INFO/CM} (as SHAPEIT's and Beagle's example files carry it), NaN
     * when absent or not a number.
     */
    private static double centimorgan(VariantContext vc) {
        Object value = vc.getAttribute("CM");
        if (value == null) {
            return Double.NaN;
        }
        try {
            // BCF stores a float: its shortest decimal (4.70307), not the double it widens to (4.703070163726807)
            String text = value instanceof Double d && (double) (float) (double) d == d ? Float.toString((float) (double) d)
                    : value.toString();
            double cm = Double.parseDouble(text);
            return Double.isFinite(cm) ? cm : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private DecodedSite decodeSite(VariantContext vc, GenotypesContext genotypes, Variant v, Allele alt, int altIndex,
                                   boolean keepDosage) {
        long[] codes = new long[GenotypeCodes.wordsPerVariant(sampleCount)];
        long[] phase = new long[(sampleCount + 63) >>> 6];
        float[] dosages = null;
        boolean anyDiploidCall = false;
        // phase matters at heterozygous calls only: a homozygous call written unphased (0/0 filled in by a merge,
        // hom-refs of a physically phased call set) among phased ones leaves the site phased; a site without a
        // heterozygote is phased when some call says so (an all-'/' file, e.g. inbred lines, stays unphased)
        boolean hetsPhased = true;
        boolean anyPhased = false;
        for (int s = 0; s < sampleCount; s++) {
            Genotype g = genotypes.get(s);
            float ds = dosage(g, altIndex, vc);
            if (keepDosage && !Float.isNaN(ds)) {
                if (dosages == null) {
                    dosages = new float[sampleCount];
                    java.util.Arrays.fill(dosages, Float.NaN);
                }
                dosages[s] = ds;
            }
            int code;
            List<Allele> alleles = g.getAlleles();
            if (alleles.isEmpty()) {
                code = Float.isNaN(ds) ? GenotypeCodes.MISSING : Math.max(0, Math.min(2, Math.round(ds)));
            } else if (alleles.size() == 1) {
                Allele a = alleles.get(0);
                code = a.isNoCall() ? GenotypeCodes.MISSING : a.equals(alt) ? GenotypeCodes.HOM_ALT : 0;
            } else if (alleles.size() == 2) {
                Allele a = alleles.get(0);
                Allele b = alleles.get(1);
                if (a.isNoCall() || b.isNoCall()) {
                    code = GenotypeCodes.MISSING;
                } else {
                    anyDiploidCall = true;
                    anyPhased |= g.isPhased();
                    boolean first = a.equals(alt);
                    code = (first ? 1 : 0) + (b.equals(alt) ? 1 : 0);
                    hetsPhased &= code != 1 || g.isPhased();
                    if (code == 1 && first) {
                        phase[s >>> 6] |= 1L << (s & 63);
                    }
                }
            } else {
                throw source.error("GT", "sample " + g.getSampleName() + " has ploidy " + alleles.size() + " at "
                        + vc.getContig() + ":" + vc.getStart() + "; only haploid and diploid genotypes are supported");
            }
            if (code != 0) {
                GenotypeCodes.set(codes, 0, s, code);
            }
        }
        return new DecodedSite(v, codes, dosages, anyDiploidCall && hetsPhased && anyPhased ? phase : null);
    }

    private static boolean hasAnyDosage(GenotypesContext genotypes) {
        for (Genotype g : genotypes) {
            if (g.hasExtendedAttribute(DS)) {
                return true;
            }
        }
        return false;
    }

    /** The DS value for ALT {@code altIndex}, or NaN when absent or missing. */
    private float dosage(Genotype g, int altIndex, VariantContext vc) {
        Object value = g.getExtendedAttribute(DS);
        if (value == null) {
            return Float.NaN;
        }
        if (value instanceof List<?> list) {
            value = altIndex < list.size() ? list.get(altIndex) : null;
        } else if (value instanceof String text && text.indexOf(',') >= 0) {
            String[] parts = text.split(",", -1);
            value = altIndex < parts.length ? parts[altIndex] : null;
        } else if (value instanceof double[] arr) {
            value = altIndex < arr.length ? arr[altIndex] : null;
        } else if (altIndex > 0) {
            value = null;
        }
        if (value == null) {
            return Float.NaN;
        }
        if (value instanceof Number n) {
            return n.floatValue();
        }
        String text = value.toString().strip();
        if (text.isEmpty() || text.equals(".")) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw source.error(DS, "'" + text + "' is not a number (sample " + g.getSampleName() + " at "
                    + vc.getContig() + ":" + vc.getStart() + ")");
        }
    }
}
