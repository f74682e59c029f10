package org.genosynth.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import htsjdk.tribble.TribbleException;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import org.genosynth.io.InputException;
import org.genosynth.io.vcf.VcfRecords;
import org.genosynth.seq.ContigAliases;
import org.genosynth.seq.Normalizer;
import org.genosynth.seq.Regions;
import org.genosynth.seq.VariantShape;

/**
 * Reads the sites one sample carries from a VCF: multi-allelic records are split (one site per ALT allele the
 * genotype carries), sequence alleles normalised, MNPs decomposed into SNVs, symbolic SVs kept with END/SVLEN.
 */
final class SiteReader {
    private final ContigAliases contigs;
    private final Map<String, byte[]> reference;
    private final Regions regions;
    private final ContigAliases regionContigs;
    long outsideRegions;
    long unknownContig;
    String sampleUsed;

    /**
     * @param contigs   maps the file's contig names to the common names (null: keep as is)
     * @param reference sequences by common name for left-alignment, or null
     * @param regions   restriction, or null
     */
    SiteReader(ContigAliases contigs, Map<String, byte[]> reference, Regions regions) {
        this.contigs = contigs;
        this.reference = reference;
        this.regions = regions;
        this.regionContigs = regions == null ? null : new ContigAliases(regions.contigs(), Map.of());
    }

    List<Site> read(Path file, String sample, boolean allFilters) {
        List<Site> sites = new ArrayList<>();
        try (VcfRecords r = VcfRecords.open(file)) {
            List<String> samples = r.samples();
            String use = null;
            if (sample != null) {
                if (!samples.contains(sample)) {
                    throw InputException.inFile(file, "sample '" + sample + "' is not in the VCF (it has "
                            + samples.size() + " samples)");
                }
                use = sample;
            } else if (!samples.isEmpty()) {
                use = samples.get(0);
            }
            sampleUsed = use;
            long n = 0;
            VariantContext vc;
            while ((vc = r.next()) != null) {
                n++;
                add(vc, use, allFilters, n, sites);
            }
        } catch (TribbleException e) {
            throw InputException.inFile(file, "not a readable VCF (" + e.getMessage() + ")");
        }
        return sites;
    }

    private void add(VariantContext vc, String sample, boolean allFilters, long n, List<Site> out) {
        String chrom = contigs == null ? vc.getContig() : contigs.resolve(vc.getContig());
        if (chrom == null) {
            unknownContig++;
            return;
        }
        boolean pass = !vc.isFiltered();
        int[] copies = new int[vc.getAlleles().size()];
        boolean genotyped = sample != null;
        if (genotyped) {
            Genotype g = vc.getGenotype(sample);
            if (g == null || g.isNoCall()) {
                return;
            }
            for (Allele a : g.getAlleles()) {
                if (a.isCalled()) {
                    copies[vc.getAlleleIndex(a)]++;
                }
            }
        }
        for (int i = 1; i < vc.getAlleles().size(); i++) {
            if (genotyped && copies[i] == 0) {
                continue;
            }
            Allele alt = vc.getAlleles().get(i);
            int c = genotyped ? Math.min(2, copies[i]) : 0;
            String altText = alt.getDisplayString();
            if (altText.equals("*") || altText.equals("<*>") || altText.equals("<NON_REF>") || altText.equals(".")) {
                continue;
            }
            if (regions != null && !inRegions(chrom, vc.getStart())) {
                outsideRegions++;
                continue;
            }
            if (VariantShape.isSymbolic(altText)) {
                Site s = symbolic(vc, chrom, altText, c, pass || allFilters, n);
                if (s != null) {
                    out.add(s);
                }
            } else {
                addSequence(vc, chrom, altText, c, pass || allFilters, n, out);
            }
        }
    }

    private boolean inRegions(String chrom, long pos) {
        String r = regionContigs.resolve(chrom);
        return r != null && regions.contains(r, pos);
    }

    private static Site symbolic(VariantContext vc, String chrom, String alt, int c, boolean pass, long n) {
        VariantShape shape = VariantShape.ofSymbol(alt);
        if (shape == null) {
            return null;
        }
        long end = vc.getEnd();
        long len = Math.abs(vc.getAttributeAsInt("SVLEN", 0));
        if (len == 0) {
            len = shape == VariantShape.INS ? 0 : end - vc.getStart();
        }
        return new Site(chrom, vc.getStart(), vc.getReference().getBaseString(), alt, shape,
                shape == VariantShape.INS ? vc.getStart() : end, len, c, pass, n);
    }

    private void addSequence(VariantContext vc, String chrom, String alt, int c, boolean pass, long n,
                             List<Site> out) {
        String ref = vc.getReference().getBaseString();
        byte[] seq = reference == null ? null : reference.get(chrom);
        Normalizer.Alleles a = Normalizer.normalize(vc.getStart(), ref, alt, seq);
        VariantShape shape = VariantShape.ofSequence(a.ref(), a.alt());
        if (shape == VariantShape.MNP) {
            for (int k = 0; k < a.ref().length(); k++) {
                if (a.ref().charAt(k) != a.alt().charAt(k)) {
                    out.add(new Site(chrom, a.pos() + k, a.ref().substring(k, k + 1), a.alt().substring(k, k + 1),
                            VariantShape.SNV, a.pos() + k, 0, c, pass, n));
                }
            }
            return;
        }
        long len = a.alt().length() - a.ref().length();
        long end = a.pos() + a.ref().length() - 1;
        out.add(new Site(chrom, a.pos(), a.ref(), a.alt(), shape, shape == VariantShape.INS ? a.pos() : end,
                shape.isSv() ? Math.abs(len) : len, c, pass, n));
    }
}
