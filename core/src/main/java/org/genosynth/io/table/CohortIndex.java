package org.genosynth.io.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.io.LineReader;
import org.genosynth.model.Sample;

/**
 * Finds a table row's sample in the cohort: by FID and IID when the row has a FID and that pair is in the cohort,
 * otherwise by IID when the IID is unique in the cohort.
 */
final class CohortIndex {
    private static final int AMBIGUOUS = -2;

    private final Map<String, Integer> byFamilyAndId = new HashMap<>();
    private final Map<String, Integer> byId = new HashMap<>();

    CohortIndex(List<Sample> cohort) {
        for (int i = 0; i < cohort.size(); i++) {
            Sample s = cohort.get(i);
            byFamilyAndId.putIfAbsent(key(s.familyId(), s.id()), i);
            byId.merge(s.id(), i, (a, b) -> AMBIGUOUS);
        }
    }

    /**
     * The cohort index of the sample, or -1 when its IID is not in the cohort (plink2 ignores such rows);
     * {@code familyId} may be null when the table has no FID column.
     */
    int find(String familyId, String id, LineReader lines) {
        if (familyId != null) {
            Integer i = byFamilyAndId.get(key(familyId, id));
            if (i != null) {
                return i;
            }
        }
        Integer i = byId.get(id);
        if (i == null) {
            return -1;
        }
        if (i == AMBIGUOUS) {
            throw lines.error("IID", "IID '" + id + "' belongs to several samples of the genotype file"
                    + (familyId == null ? "; add a FID column" : " and none has FID '" + familyId + "'"));
        }
        return i;
    }

    /** Whether a sample of the cohort has exactly this FID and IID. */
    boolean has(String familyId, String id) {
        return byFamilyAndId.containsKey(key(familyId, id));
    }

    private static String key(String familyId, String id) {
        return familyId + '\u0000' + id;
    }
}
