package org.genosynth.relatives;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genosynth.io.BlockStream;
import org.genosynth.io.GenotypeReader;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * The founders' autosomal variants and haplotypes, read in one pass. A het call of a phased variant puts ALT on the
 * haplotype its phase bit names; of an unphased variant, on a random haplotype (pseudo-phase, drawn once per founder
 * and site from a stream of the seed).
 */
record FounderData(List<Variant> variants, Haplotypes[] haplotypes, boolean phased, List<String> notes) {

    static FounderData read(GenotypeReader reader, int[] keep, long seed) {
        List<VariantBlock> blocks = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        int[] droppedCount = {0};
        boolean phased = true;
        BlockStream stream = new BlockStream(reader, keep, v -> {
            boolean auto = GeneticMap.isAutosome(v.chrom());
            droppedCount[0] += auto ? 0 : 1;
            return auto;
        });
        while (stream.hasNext()) {
            VariantBlock b = stream.next();
            blocks.add(b);
            variants.addAll(b.variants());
            for (int i = 0; i < b.variantCount(); i++) {
                phased &= b.isPhased(i);
            }
        }
        if (variants.isEmpty()) {
            throw RelativesJob.noVariants(reader.path());
        }
        int f = keep.length;
        Haplotypes[] haps = new Haplotypes[f];
        SplittableRandom[] rngs = new SplittableRandom[f];
        for (int k = 0; k < f; k++) {
            haps[k] = new Haplotypes(variants.size());
            haps[k].origins[0] = new int[] {variants.size(), 2 * k};
            haps[k].origins[1] = new int[] {variants.size(), 2 * k + 1};
            rngs[k] = Rng.stream(seed, "pseudo-phase:" + k);
        }
        int v = 0;
        for (VariantBlock b : blocks) {
            long[] words = b.genotypeWords();
            for (int i = 0; i < b.variantCount(); i++, v++) {
                long[] phase = b.phase(i);
                for (int k = 0; k < f; k++) {
                    int code = GenotypeCodes.get(words, b.offset(i), k);
                    Haplotypes h = haps[k];
                    switch (code) {
                        case 1 -> {
                            boolean first = phased ? (phase[k >>> 6] >>> (k & 63) & 1L) != 0 : rngs[k].nextBoolean();
                            Haplotypes.set(first ? h.hap0 : h.hap1, v, true);
                        }
                        case 2 -> {
                            Haplotypes.set(h.hap0, v, true);
                            Haplotypes.set(h.hap1, v, true);
                        }
                        case 3 -> Haplotypes.set(h.missing, v, true);
                        default -> {
                        }
                    }
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (droppedCount[0] > 0) {
            notes.add(droppedCount[0] + " non-autosomal variants left out");
        }
        if (!phased) {
            notes.add("input not phased: genotype-level transmission (founders' heterozygous sites pseudo-phased at "
                    + "random)");
        }
        return new FounderData(variants, haps, phased, notes);
    }
}
