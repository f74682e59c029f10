package org.genosynth.assoc;

import java.util.ArrayList;
import java.util.List;
import org.genosynth.exec.Backend;
import org.genosynth.io.GenotypeFiles;
import org.genosynth.io.GenotypeLoader;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.GenotypeSource;
import org.genosynth.model.GenotypeMatrix;
import org.genosynth.model.Sample;
import org.genosynth.qc.VariantFilterPass;

/**
 * The genotypes and analysis samples of a gwas request, for the models that hold the cohort in memory (lmm,
 * lmm-loco). With {@link GwasRequest#filters()}, plink's filters run first ({@link VariantFilterPass}, as for the
 * linear and logistic models) and the matrix holds only the samples and variants they kept: the matrix a run on the
 * copy {@code genosynth convert} writes with the same filters reads, so the relatedness matrix and the variance
 * components are those of the filtered cohort, as GEMMA or BOLT-LMM given that copy compute them. The phenotype and
 * covariate tables are still matched against the whole input (a GEMMA-style table has one row per input sample).
 *
 * @param genotypes the matrix
 * @param samples   the analysis samples, {@link AnalysisSamples#keep()} indexing the matrix's samples
 * @param notes     what the filters kept and removed, then what the tables left out
 */
public record FilteredCohort(GenotypeMatrix genotypes, AnalysisSamples samples, List<String> notes) {
    public FilteredCohort {
        notes = List.copyOf(notes);
    }

    /**
     * Loads the request's cohort: in the matrix, every sample the filters kept ({@code analysisSamplesOnly} false:
     * GEMMA reads them all) or only the analysis samples (true: lmm-loco), and the variants the filters kept.
     */
    public static FilteredCohort load(GwasRequest request, Backend backend, boolean analysisSamplesOnly) {
        VariantFilterPass.Selection filtered = request.filters() == null ? null
                : VariantFilterPass.run(request.filters(), backend);
        List<Sample> input;
        try (GenotypeReader reader = GenotypeFiles.open(request.input(), request.read())) {
            input = reader.sampleSheet().samples();
        }
        int[] allowed = filtered == null ? null : filtered.samples();
        AnalysisSamples samples = AnalysisSamples.load(request, input, false, allowed);
        int[] rows = analysisSamplesOnly ? samples.keep() : allowed;
        GenotypeMatrix g = GenotypeLoader.loadSelected(GenotypeSource.of(request.input(), request.read()), rows,
                filtered == null ? null : filtered.variants());
        List<String> notes = new ArrayList<>();
        if (filtered != null) {
            notes.add(filtered.describe());
            notes.addAll(filtered.notes());
        }
        notes.addAll(samples.notes());
        return new FilteredCohort(g, samples.within(rows), notes);
    }
}
