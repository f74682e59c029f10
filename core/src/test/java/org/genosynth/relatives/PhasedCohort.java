package org.genosynth.relatives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeReader;
import org.genosynth.model.Sample;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/** A phased VCF read back for tests: per sample and variant the two alleles (-1 = missing). */
final class PhasedCohort {
    final List<Sample> samples;
    final List<Variant> variants = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();
    /** {@code alleles[sample][2 * variant + h]}. */
    final byte[][] alleles;

    PhasedCohort(Path vcf) {
        List<byte[]> perVariant = new ArrayList<>();
        try (GenotypeReader r = GenotypeFiles.open(vcf, null)) {
            samples = r.sampleSheet().samples();
            BlockStream s = new BlockStream(r, null, null);
            while (s.hasNext()) {
                VariantBlock b = s.next();
                for (int i = 0; i < b.variantCount(); i++) {
                    variants.add(b.variant(i));
                    long[] ph = b.phase(i);
                    byte[] a = new byte[2 * samples.size()];
                    for (int k = 0; k < samples.size(); k++) {
                        int code = b.code(i, k);
                        boolean first = ph != null && (ph[k >>> 6] >>> (k & 63) & 1L) != 0;
                        a[2 * k] = (byte) (code == 3 ? -1 : code == 2 || code == 1 && first ? 1 : 0);
                        a[2 * k + 1] = (byte) (code == 3 ? -1 : code == 2 || code == 1 && !first ? 1 : 0);
                    }
                    perVariant.add(a);
                }
            }
        }
        alleles = new byte[samples.size()][2 * variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            for (int k = 0; k < samples.size(); k++) {
                alleles[k][2 * v] = perVariant.get(v)[2 * k];
                alleles[k][2 * v + 1] = perVariant.get(v)[2 * k + 1];
            }
        }
        for (int k = 0; k < samples.size(); k++) {
            index.put(samples.get(k).id(), k);
        }
    }

    /**
     * Crossovers seen in haplotype {@code h} of {@code child} as switches of its source between the two haplotypes of
     * {@code parent}, counted over the parent's heterozygous sites along each chromosome (variants in file order).
     */
    int observedCrossovers(int child, int h, int parent) {
        int switches = 0;
        String chrom = null;
        int last = -1;
        for (int v = 0; v < variants.size(); v++) {
            if (!variants.get(v).chrom().equals(chrom)) {
                chrom = variants.get(v).chrom();
                last = -1;
            }
            byte p0 = alleles[parent][2 * v];
            byte p1 = alleles[parent][2 * v + 1];
            byte c = alleles[child][2 * v + h];
            if (p0 < 0 || p1 < 0 || c < 0 || p0 == p1) {
                continue;
            }
            int source = c == p0 ? 0 : 1;
            if (last >= 0 && source != last) {
                switches++;
            }
            last = source;
        }
        return switches;
    }
}
