package org.genosynth.cli;

import org.genosynth.assoc.kinship.StructureInput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The input of the structure commands (kinship, pca, ld): genotypes, unknown-position policy, threads. */
final class StructureOptions {
    @Mixin
    InputOptions input;

    @Option(names = "--keep-unknown-positions",
            description = "Use variants of unknown position too (plink2 skips them).")
    boolean keepUnknown;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: all processors).")
    int threads;

    StructureInput toStructureInput() {
        return new StructureInput(input.input, input.toReadOptions(), keepUnknown, threads);
    }
}
