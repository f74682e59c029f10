package org.genosynth.model;

import java.util.Objects;

/**
 * One individual of a cohort.
 *
 * @param familyId   family ID (PLINK FID); {@code "0"} when unknown
 * @param id         individual ID (PLINK IID, VCF sample name); never empty
 * @param fatherId   father's IID, {@code "0"} when unknown
 * @param motherId   mother's IID, {@code "0"} when unknown
 * @param sex        sex
 * @param population population label, or {@code null} when unknown
 */
public record Sample(String familyId, String id, String fatherId, String motherId, Sex sex, String population)
        implements java.io.Serializable {
    /** The code PLINK uses for an unknown family, father or mother. */
    public static final String UNKNOWN_ID = "0";

    public Sample {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("sample ID must not be empty");
        }
        familyId = blankToUnknown(familyId);
        fatherId = blankToUnknown(fatherId);
        motherId = blankToUnknown(motherId);
        sex = sex == null ? Sex.UNKNOWN : sex;
    }

    /** A sample known only by its ID (e.g. a VCF column). Its family ID is the ID itself, as plink2 does. */
    public static Sample of(String id) {
        return new Sample(id, id, UNKNOWN_ID, UNKNOWN_ID, Sex.UNKNOWN, null);
    }

    /** This sample with another population label. */
    public Sample withPopulation(String label) {
        return new Sample(familyId, id, fatherId, motherId, sex, label);
    }

    /** True when the father field names someone. */
    public boolean hasFather() {
        return !UNKNOWN_ID.equals(fatherId);
    }

    /** True when the mother field names someone. */
    public boolean hasMother() {
        return !UNKNOWN_ID.equals(motherId);
    }

    private static String blankToUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN_ID : value;
    }
}
