package org.genosynth.eval.utility;

/** Test access to package-private parsing. */
public final class GwasTableAccess {
    private GwasTableAccess() {
    }

    public static double log10(String p) {
        return GwasTable.log10(p);
    }
}
