package org.genosynth.assoc.lmm;

import org.genosynth.assoc.GwasRequest;
import org.genosynth.assoc.GwasResult;
import org.genosynth.io.InputException;

/**
 * TEMPORARY placeholder so that branch {@code glm} compiles: the linear mixed model engine is written on another
 * branch and replaces this class at merge.
 */
public final class LmmGwas {
    private LmmGwas() {
    }

    /** Always fails: the LMM engine is not on this branch. */
    public static GwasResult run(GwasRequest request) {
        throw InputException.usage("--model lmm is not available yet");
    }
}
