package org.genosynth.relatives;

import org.genosynth.model.Sex;

/**
 * One person of a synthetic pedigree.
 *
 * @param index      position in the pedigree (parents come before children)
 * @param familyId   family ID
 * @param id         fresh individual ID
 * @param father     index of the father, -1 for a founder
 * @param mother     index of the mother, -1 for a founder
 * @param sex        sex (fathers male, mothers female)
 * @param population population whose founders this founder is drawn from, null = any; null for non-founders
 */
record Member(int index, String familyId, String id, int father, int mother, Sex sex, String population) {
    boolean founder() {
        return father < 0;
    }
}
