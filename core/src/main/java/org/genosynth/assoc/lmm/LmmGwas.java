package org.genosynth.assoc.lmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.PhenotypeTable;

/** Reads the inputs of a request, fits {@link LmmEngine} and writes {@link LmmResultWriter}'s tables. */
public final class LmmGwas {
    private LmmGwas() {
    }

    /** The result and the files written. */
    public record Outcome(LmmResult result, List<Path> files) {
    }

    public static Outcome run(LmmRequest request) {
        GenotypeMatrix g = GenotypeMatrix.load(request.genotypes(), request.readOptions(), null);
        PhenotypeTable pheno = PhenotypeReader.read(request.phenotypes(), g.samples().samples());
        double[] y = pheno.column(PhenotypeReader.resolveColumn(pheno, request.phenotypeColumn(),
                request.phenotypes()));
        double[][] w = null;
        if (request.covariates() != null) {
            PhenotypeTable cov = PhenotypeReader.read(request.covariates(), g.samples().samples());
            w = withIntercept(cov);
        }
        LmmResult result = LmmEngine.fit(g, y, w, request.options());
        List<Path> files = LmmResultWriter.write(request.outPrefix(), g.variants(), result);
        return new Outcome(result, files);
    }

    private static double[][] withIntercept(PhenotypeTable cov) {
        List<double[]> cols = new ArrayList<>();
        boolean hasConstant = false;
        for (int j = 0; j < cov.columnCount(); j++) {
            double[] c = cov.column(j);
            double first = Double.NaN;
            boolean constant = true;
            for (double v : c) {
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    constant = false;
                    break;
                }
            }
            hasConstant |= constant && first != 0;
            cols.add(c);
        }
        if (!hasConstant) {
            double[] one = new double[cov.rowCount()];
            Arrays.fill(one, 1.0);
            cols.add(0, one);
        }
        return cols.toArray(new double[0][]);
    }
}
