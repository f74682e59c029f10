package org.genosynth.io.vcf;

import htsjdk.variant.bcf2.BCF2Codec;
import htsjdk.variant.bcf2.BCFVersion;

/**
 * htsjdk's BCF codec, also accepting BCF 2.2 (what bcftools writes; htsjdk 4.3 only admits 2.1). For the fields
 * genosynth reads (GT, DS) the two versions encode values identically; 2.2's end-of-vector padding of mixed-ploidy
 * GT vectors is decoded by htsjdk as a shorter genotype.
 */
final class Bcf22Codec extends BCF2Codec {
    @Override
    protected void validateVersionCompatibility(BCFVersion supportedVersion, BCFVersion actualVersion) {
        if (actualVersion.getMajorVersion() != 2 || actualVersion.getMinorVersion() > 2) {
            super.validateVersionCompatibility(supportedVersion, actualVersion);
        }
    }
}
