package org.genosynth.reads;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import htsjdk.tribble.TribbleException;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import org.genosynth.io.InputException;
import org.genosynth.io.vcf.VcfRecords;
import org.genosynth.seq.ContigAliases;
import org.genosynth.seq.VariantShape;

/**
 * The variants one sample carries, as {@link Edit}s per reference contig. Phased genotypes keep their haplotypes;
 * an unphased heterozygote goes to a haplotype drawn from the seed (recorded as phased in the golden VCF).
 * Haploid genotypes apply to both haplotypes. Filtered records are applied like the others.
 */
final class SampleVariants {
    final Map<String, List<Edit>> byContig = new LinkedHashMap<>();
    long records;
    long skippedAllele;
    /** Records left out of the golden VCF because their contig is shorter than a read (no read can cover them). */
    long uncoverable;
    /** Those contigs, as {@code NAME (LENGTH bp)}. */
    final List<String> uncoverableContigs = new ArrayList<>();

    static SampleVariants load(Path vcf, String sample, ContigAliases contigs, long seed) {
        SampleVariants sv = new SampleVariants();
        try (VcfRecords r = VcfRecords.open(vcf)) {
            List<String> samples = r.samples();
            if (!samples.contains(sample)) {
                throw InputException.inFile(vcf, "sample '" + sample + "' is not in the VCF ("
                        + (samples.isEmpty() ? "it has no samples" : "first samples: "
                        + samples.subList(0, Math.min(5, samples.size()))) + ")");
            }
            int index = 0;
            org.genosynth.io.vcf.VcfOrder order = new org.genosynth.io.vcf.VcfOrder(vcf);
            VariantContext vc;
            while ((vc = r.next()) != null) {
                order.accept(vc.getContig(), vc.getStart(), index + 1);
                if (contigs.resolve(vc.getContig()) == null) {
                    // the VCF belongs to another reference (or names contigs differently): never drop records silently
                    throw r.error("CHROM", "contig '" + vc.getContig() + "' is not in the reference ("
                            + contigs.describeTargets() + "); map names with --contig-alias VCF=REF, or leave the "
                            + "contig's records out of the VCF");
                }
                sv.add(vc, vc.getGenotype(sample), contigs, seed, index++);
            }
        } catch (TribbleException e) {
            throw InputException.inFile(vcf, "not a readable VCF (" + e.getMessage() + ")");
        }
        for (List<Edit> l : sv.byContig.values()) {
            l.sort(Comparator.comparingLong(Edit::pos0).thenComparingInt(Edit::record));
        }
        return sv;
    }

    /**
     * Refuses edits of {@code contig} that reach past its end or whose REF disagrees with the reference (an N on
     * either side matches anything): such a VCF belongs to another reference build.
     */
    static void checkAgainst(Path vcf, String contig, byte[] ref, List<Edit> edits) {
        for (Edit e : edits) {
            String[] f = e.text().split("\t", 6);
            if (e.refEnd() > ref.length) {
                throw InputException.inFile(vcf, "variant " + f[0] + ":" + f[1] + " (REF " + f[3] + ") reaches past "
                        + "the end of contig " + contig + " (" + ref.length + " bp) in the reference; is it the "
                        + "reference the VCF was called on?");
            }
            String vcfRef = f[3].toUpperCase(java.util.Locale.ROOT);
            for (int i = 0; i < vcfRef.length() && e.pos0() + i < ref.length; i++) {
                char want = vcfRef.charAt(i);
                char have = Character.toUpperCase((char) ref[(int) e.pos0() + i]);
                if (want != have && want != 'N' && have != 'N') {
                    int from = (int) e.pos0();
                    String refText = new String(ref, from, Math.min(vcfRef.length(), ref.length - from),
                            StandardCharsets.US_ASCII);
                    throw InputException.inFile(vcf, "variant " + f[0] + ":" + f[1] + " has REF " + f[3]
                            + " but the reference has " + refText + " there; is it the reference the VCF was "
                            + "called on?");
                }
            }
        }
    }

    private void add(VariantContext vc, Genotype g, ContigAliases contigs, long seed, int index) {
        if (g == null || g.isNoCall() || g.isHomRef()) {
            return;
        }
        String chrom = contigs.resolve(vc.getContig());
        if (chrom == null) {
            return; // refused in load
        }
        List<Allele> alleles = g.getAlleles();
        int[] masks = new int[vc.getAlleles().size()];
        if (alleles.size() == 1) {
            masks[vc.getAlleleIndex(alleles.get(0))] |= 3;
        } else {
            int a0 = alleles.get(0).isCalled() ? vc.getAlleleIndex(alleles.get(0)) : 0;
            int a1 = alleles.get(1).isCalled() ? vc.getAlleleIndex(alleles.get(1)) : 0;
            if (!g.isPhased() && a0 != a1) {
                SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
                if (rnd.nextBoolean()) {
                    int t = a0;
                    a0 = a1;
                    a1 = t;
                }
            }
            masks[a0] |= 1;
            masks[a1] |= 2;
        }
        records++;
        for (int a = 1; a < masks.length; a++) {
            if (masks[a] == 0) {
                continue;
            }
            Edit e = edit(vc, chrom, vc.getAlleles().get(a), masks[a], index);
            if (e == null) {
                skippedAllele++;
            } else {
                byContig.computeIfAbsent(chrom, k -> new ArrayList<>()).add(e);
            }
        }
    }

    private static Edit edit(VariantContext vc, String chrom, Allele alt, int mask, int index) {
        String ref = vc.getReference().getBaseString();
        String altText = alt.getDisplayString();
        long pos0 = vc.getStart() - 1L;
        String text = chrom + "\t" + vc.getStart() + "\t" + vc.getID() + "\t" + ref + "\t" + altText + "\t.\tPASS\t"
                + info(vc);
        if (VariantShape.isSymbolic(altText)) {
            VariantShape shape = VariantShape.ofSymbol(altText);
            if (shape == null) {
                return null;
            }
            if (shape == VariantShape.INS) {
                int len = Math.abs(vc.getAttributeAsInt("SVLEN", 0));
                if (len == 0) {
                    return null;
                }
                return new Edit(pos0, 1, null, shape, len, mask, index, text);
            }
            long end = vc.getEnd();
            if (end <= vc.getStart()) {
                return null;
            }
            return new Edit(pos0, 1, null, shape, end, mask, index, text);
        }
        if (altText.equals("*") || altText.equals(".")) {
            return null;
        }
        byte[] altBytes = altText.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        VariantShape shape = VariantShape.ofSequence(ref, altText);
        return new Edit(pos0, ref.length(), altBytes, shape == VariantShape.DEL || shape == VariantShape.INS
                ? VariantShape.INDEL : shape, pos0 + ref.length(), mask, index, text);
    }

    private static String info(VariantContext vc) {
        StringBuilder sb = new StringBuilder();
        for (String key : new String[] {"SVTYPE", "END", "SVLEN"}) {
            if (vc.hasAttribute(key)) {
                if (sb.length() > 0) {
                    sb.append(';');
                }
                Object v = vc.getAttribute(key);
                sb.append(key).append('=').append(v instanceof List<?> l ? String.join(",",
                        l.stream().map(String::valueOf).toList()) : String.valueOf(v));
            }
        }
        if (vc.hasAttribute("SPIKE")) {
            sb.append(sb.length() > 0 ? ";" : "").append("SPIKE");
        }
        return sb.length() == 0 ? "." : sb.toString();
    }
}
