package org.genosynth.model;

import java.util.List;

/**
 * The samples of a cohort with the per-sample columns their file carried (e.g. the phenotype columns of a .fam).
 *
 * @param samples samples in genotype order
 * @param columns extra per-sample columns, aligned to {@code samples}; empty when none
 */
public record SampleSheet(List<Sample> samples, PhenotypeTable columns) implements java.io.Serializable {
    public SampleSheet {
        samples = List.copyOf(samples);
        if (columns == null) {
            columns = PhenotypeTable.empty(samples.stream().map(Sample::id).toList());
        }
        if (columns.rowCount() != samples.size()) {
            throw new IllegalArgumentException("sample columns have " + columns.rowCount() + " rows for "
                    + samples.size() + " samples");
        }
    }

    /** A sheet of samples with no extra columns. */
    public static SampleSheet of(List<Sample> samples) {
        return new SampleSheet(samples, null);
    }

    public int size() {
        return samples.size();
    }

    /** The sheet restricted to {@code keep} (indices, output order). */
    public SampleSheet select(int[] keep) {
        Sample[] s = new Sample[keep.length];
        for (int j = 0; j < keep.length; j++) {
            s[j] = samples.get(keep[j]);
        }
        return new SampleSheet(List.of(s), columns.selectRows(keep));
    }
}
