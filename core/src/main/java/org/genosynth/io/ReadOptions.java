package org.genosynth.io;

import java.nio.file.Path;

/**
 * How to open a genotype input.
 *
 * @param format           the format, or null to detect it from the path
 * @param multiallelic     what to do with sites that have more than one ALT allele (VCF/BCF)
 * @param bimbamAnnotation BIMBAM annotation file ({@code rs bp chr [cM]}), or null to look for {@code PREFIX.anno.txt[.gz]}
 * @param bimbamSamples    sample file for BIMBAM (a .fam or one ID per line), or null to look for {@code PREFIX.fam}
 * @param strainCoding     BIMBAM values are inbred strains coded 0/1 (one allele per strain): each value is doubled
 *                         on reading, so a 1 is the homozygous ALT genotype ({@code --coding strain})
 * @param geneticMap       a genetic map file ({@link GeneticMapFile}) placing every variant in cM, replacing the
 *                         input's own cM; null to keep them
 */
public record ReadOptions(GenotypeFormat format, MultiallelicPolicy multiallelic, Path bimbamAnnotation,
                          Path bimbamSamples, boolean strainCoding, Path geneticMap) {
    public ReadOptions {
        multiallelic = multiallelic == null ? MultiallelicPolicy.SPLIT : multiallelic;
    }

    public ReadOptions(GenotypeFormat format, MultiallelicPolicy multiallelic, Path bimbamAnnotation,
                       Path bimbamSamples, boolean strainCoding) {
        this(format, multiallelic, bimbamAnnotation, bimbamSamples, strainCoding, null);
    }

    public ReadOptions(GenotypeFormat format, MultiallelicPolicy multiallelic, Path bimbamAnnotation,
                       Path bimbamSamples) {
        this(format, multiallelic, bimbamAnnotation, bimbamSamples, false);
    }

    /** Detect the format, split multi-allelic sites, find BIMBAM companions by name. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, MultiallelicPolicy.SPLIT, null, null);
    }

    /** These options with another format. */
    public ReadOptions withFormat(GenotypeFormat f) {
        return new ReadOptions(f, multiallelic, bimbamAnnotation, bimbamSamples, strainCoding, geneticMap);
    }

    /** These options with a genetic map file (null: none). */
    public ReadOptions withGeneticMap(Path map) {
        return new ReadOptions(format, multiallelic, bimbamAnnotation, bimbamSamples, strainCoding, map);
    }

    /** What to do with a VCF/BCF record that has several ALT alleles. */
    public enum MultiallelicPolicy {
        /**
         * One bi-allelic record per ALT allele (as {@code bcftools norm -m-}); in the record for ALT k, a genotype
         * allele that is another ALT counts as not-k (reference), so allele counts of k stay exact.
         */
        SPLIT,
        /** Stop with an error naming the record. */
        REJECT
    }
}
