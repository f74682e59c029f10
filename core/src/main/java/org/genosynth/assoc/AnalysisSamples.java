package org.genosynth.assoc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.io.InputException;
import org.genosynth.io.table.PhenotypeReader;
import org.genosynth.model.PhenotypeTable;
import org.genosynth.model.Sample;

/**
 * The samples an association run uses, as plink2 {@code --glm} chooses them: every sample of the genotype input with a
 * non-missing phenotype and no missing covariate (missing genotypes drop a sample only for that variant).
 *
 * @param keep           indices into the input's samples, ascending
 * @param phenotype      the phenotype of each kept sample (0/1 for a binary trait)
 * @param covariates     {@code covariates[c][row]} for the kept samples, without an intercept
 * @param covariateNames names of the covariate columns
 * @param notes          what was dropped or assumed
 */
public record AnalysisSamples(int[] keep, double[] phenotype, double[][] covariates, List<String> covariateNames,
                              List<String> notes) {
    public AnalysisSamples {
        notes = List.copyOf(notes);
        covariateNames = List.copyOf(covariateNames);
    }

    public int size() {
        return keep.length;
    }

    /**
     * These samples indexed within {@code subset} (ascending indices into the input, holding every kept sample): the
     * samples of a matrix that holds only {@code subset}. Null: unchanged.
     */
    public AnalysisSamples within(int[] subset) {
        if (subset == null) {
            return this;
        }
        int[] at = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            at[k] = java.util.Arrays.binarySearch(subset, keep[k]);
            if (at[k] < 0) {
                throw new IllegalArgumentException("sample " + keep[k] + " is not in the subset");
            }
        }
        return new AnalysisSamples(at, phenotype, covariates, covariateNames, notes);
    }

    /**
     * Reads the phenotype and covariates of {@code request} for {@code cohort}. For a binary trait the phenotype is
     * coded 0 = control, 1 = case: a column holding only 0 and 1 is taken as is (GEMMA style), only 1 and 2 as PLINK's
     * 1 = control, 2 = case; when 0, 1 and 2 all occur, 0 is read as missing (PLINK's convention). Other values are a
     * user error.
     */
    public static AnalysisSamples load(GwasRequest request, List<Sample> cohort, boolean binary) {
        return load(request, cohort, binary, null);
    }

    /**
     * As {@link #load(GwasRequest, List, boolean)}, among the samples {@code allowed} (indices into {@code cohort},
     * ascending: those plink's sample filters kept), or every sample when null. The tables are still matched against
     * the whole cohort (a GEMMA-style table has one row per sample of the input).
     */
    public static AnalysisSamples load(GwasRequest request, List<Sample> cohort, boolean binary, int[] allowed) {
        boolean[] filteredOut = new boolean[cohort.size()];
        if (allowed != null) {
            java.util.Arrays.fill(filteredOut, true);
            for (int s : allowed) {
                filteredOut[s] = false;
            }
        }
        PhenotypeTable phenoTable = PhenotypeReader.readOne(request.pheno(), cohort, request.phenoCol());
        double[] y = phenoTable.column(0).clone();
        List<String> notes = new ArrayList<>(phenoTable.notes());
        if (binary) {
            codeBinary(y, request.pheno(), request.phenoCol(), notes);
        }
        List<String> names = new ArrayList<>();
        List<double[]> covs = new ArrayList<>();
        if (request.covar() != null) {
            PhenotypeTable covTable = PhenotypeReader.readCovariates(request.covar(), cohort, request.covarCols());
            for (int c = 0; c < covTable.columnCount(); c++) {
                names.add(covTable.names().get(c));
                covs.add(covTable.column(c));
            }
            // the same table as --pheno: its notes about ignored rows are already there
            covTable.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
        } else if (!request.covarCols().isEmpty()) {
            throw InputException.usage("--covar-col needs --covar FILE");
        }
        int[] keep = new int[cohort.size()];
        int kept = 0;
        int missingPheno = 0;
        int missingCovar = 0;
        for (int s = 0; s < cohort.size(); s++) {
            if (filteredOut[s]) {
                continue;
            }
            if (Double.isNaN(y[s])) {
                missingPheno++;
                continue;
            }
            boolean ok = true;
            for (double[] c : covs) {
                ok &= !Double.isNaN(c[s]);
            }
            if (!ok) {
                missingCovar++;
                continue;
            }
            keep[kept++] = s;
        }
        keep = java.util.Arrays.copyOf(keep, kept);
        if (missingPheno > 0) {
            // the column's name (CD8), also when it was chosen by number (--pheno-col 1)
            notes.add(missingPheno + " samples without phenotype '" + phenoTable.names().get(0) + "' left out");
        }
        if (missingCovar > 0) {
            notes.add(missingCovar + " samples with a missing covariate left out");
        }
        double[] yKept = new double[kept];
        double[][] covKept = new double[covs.size()][kept];
        for (int j = 0; j < kept; j++) {
            yKept[j] = y[keep[j]];
            for (int c = 0; c < covs.size(); c++) {
                covKept[c][j] = covs.get(c)[keep[j]];
            }
        }
        if (kept <= covs.size() + 2) {
            throw InputException.inFile(request.pheno(), "only " + kept + " samples"
                    + (allowed == null ? "" : " kept by the sample filters") + " have the phenotype and every "
                    + "covariate; a regression with " + covs.size() + " covariates needs more");
        }
        if (binary) {
            long cases = java.util.Arrays.stream(yKept).filter(v -> v == 1).count();
            if (cases == 0 || cases == kept) {
                throw InputException.inFile(request.pheno(), "phenotype '" + request.phenoCol() + "' has only "
                        + (cases == 0 ? "controls" : "cases") + " among the " + kept + " usable samples");
            }
        }
        DesignChecks.check(request.pheno(), request.phenoCol(), yKept, covKept, names);
        return new AnalysisSamples(keep, yKept, covKept, names, notes);
    }

    private static void codeBinary(double[] y, Path file, String column, List<String> notes) {
        boolean has0 = false;
        boolean has1 = false;
        boolean has2 = false;
        for (double v : y) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v == 0) {
                has0 = true;
            } else if (v == 1) {
                has1 = true;
            } else if (v == 2) {
                has2 = true;
            } else {
                throw InputException.inFile(file, "phenotype '" + column + "' is not binary: value " + v
                        + " (a logistic model needs 0 = control / 1 = case, or PLINK's 1 = control / 2 = case)");
            }
        }
        if (has2) {
            if (has0) {
                notes.add("phenotype '" + column + "' holds 0, 1 and 2: read as PLINK's 1 = control, 2 = case, "
                        + "0 = missing");
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i] == 0 ? Double.NaN : y[i] - 1;
            }
        }
    }
}
