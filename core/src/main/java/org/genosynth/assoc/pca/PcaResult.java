package org.genosynth.assoc.pca;

import java.util.List;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;

/**
 * Principal components of a cohort, in plink2's scale.
 *
 * @param samples      the samples
 * @param eigenvalues  the top {@code k} eigenvalues of the GRM {@code K = Z Z' / M}, descending
 * @param eigenvectors {@code n x k}, row-major ({@code [i * k + c]}), unit-norm columns (plink2 .eigenvec)
 * @param model        variant weights for projecting other samples onto these axes
 */
public record PcaResult(SampleSheet samples, double[] eigenvalues, double[] eigenvectors, PcaModel model) {
    public int pcCount() {
        return eigenvalues.length;
    }

    /** Component {@code c} of sample {@code i}. */
    public double eigenvector(int i, int c) {
        return eigenvectors[i * eigenvalues.length + c];
    }

    /** Variants of the model. */
    public List<Variant> variants() {
        return model.variants();
    }
}
