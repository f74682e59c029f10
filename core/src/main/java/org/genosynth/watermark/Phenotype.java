package org.genosynth.watermark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.genosynth.io.InputException;

/**
 * The phenotype a watermark is built on: binary when its values are only 0/1 (GEMMA style) or only 1/2 (PLINK:
 * 1 control, 2 case), then coded 0/1; quantitative otherwise. Missing values leave a sample out of the analysis.
 */
record Phenotype(double[] raw, boolean binary, boolean plinkCoded, int[] analysed) {

    static Phenotype of(double[] raw, Path file) {
        int[] rows = IntStream.range(0, raw.length).filter(i -> !Double.isNaN(raw[i])).toArray();
        if (rows.length < 3) {
            throw InputException.inFile(file, "fewer than 3 samples have a phenotype");
        }
        boolean only01 = Arrays.stream(rows).allMatch(i -> raw[i] == 0 || raw[i] == 1);
        boolean only12 = Arrays.stream(rows).allMatch(i -> raw[i] == 1 || raw[i] == 2);
        return new Phenotype(raw, only01 || only12, only12 && !only01, rows);
    }

    /** The analysed value of sample {@code s}: 0/1 for a binary trait. */
    double value(int s) {
        return plinkCoded ? raw[s] - 1 : raw[s];
    }
}
