package org.genosynth.model;

/** Sex of a sample, with the PLINK .fam codes (1 male, 2 female, 0 unknown). */
public enum Sex {
    UNKNOWN(0), MALE(1), FEMALE(2);

    private final int plinkCode;

    Sex(int plinkCode) {
        this.plinkCode = plinkCode;
    }

    /** The PLINK .fam code of this sex. */
    public int plinkCode() {
        return plinkCode;
    }

    /** Parses a PLINK sex code; anything other than 1 or 2 is unknown, as in PLINK. */
    public static Sex fromPlink(String code) {
        return switch (code) {
            case "1" -> MALE;
            case "2" -> FEMALE;
            default -> UNKNOWN;
        };
    }
}
