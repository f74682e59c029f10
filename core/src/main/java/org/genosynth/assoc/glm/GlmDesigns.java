package org.genosynth.assoc.glm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genosynth.assoc.AnalysisSamples;
import org.genosynth.io.InputException;
import org.genosynth.model.Sex;
import org.genosynth.model.Variant;

/**
 * The {@link GlmDesign} of each {@link ChromosomeKind}, as plink2 2.00a3.5 {@code --glm} (default
 * {@code --xchr-model 1}) tests them (measured: {@code ChromosomeXGlmVsPlink2Test}):
 * <ul>
 * <li>autosomes and XY: every analysis sample, the user's covariates;</li>
 * <li>X: when the analysis samples include males and females, only those of known sex, with {@code SEX} (1 male,
 * 2 female) appended to the covariates; calls are coded 0/1/2 for males too (a haploid call, stored homozygous,
 * counts 2, a heterozygous male call 1) and A1_FREQ counts two alleles per sample, as on an autosome. With one sex
 * or none known, X is tested as an autosome;</li>
 * <li>Y: only the males, a call coded 0..1 (BETA and SE twice the diploid coding's); skipped without males;</li>
 * <li>MT: every analysis sample, a call coded 0..1.</li>
 * </ul>
 * On X and Y a covariate constant among the set's samples is left out there. A design plink2 refuses (a covariate
 * restating sex on X) fails the run when the first variant of its chromosome arrives: plink2 refuses it only when
 * the chromosome is present. {@link #admit} runs on the thread that pulls the blocks.
 */
final class GlmDesigns {
    private final GlmKernel kernel;
    private final Map<ChromosomeKind, InputException> refusals;
    private final Map<ChromosomeKind, List<String>> notes;
    private final Set<ChromosomeKind> seen = EnumSet.noneOf(ChromosomeKind.class);
    private final boolean testsY;
    private long skippedY;

    private GlmDesigns(GlmDesign[] designs, Map<ChromosomeKind, InputException> refusals,
                       Map<ChromosomeKind, List<String>> notes, boolean testsY) {
        this.kernel = new GlmKernel(designs);
        this.refusals = refusals;
        this.notes = notes;
        this.testsY = testsY;
    }

    /**
     * The designs for {@code samples}, whose sexes are {@code sexes} (one per analysis sample, in order).
     *
     * @param phenoFile the phenotype table, named in refusals
     */
    static GlmDesigns of(AnalysisSamples samples, Sex[] sexes, boolean logistic, Path phenoFile,
                                String phenoCol) {
        GlmDesign autosome = GlmDesign.all(samples, logistic);
        GlmDesign[] designs = new GlmDesign[ChromosomeKind.values().length];
        Map<ChromosomeKind, InputException> refusals = new EnumMap<>(ChromosomeKind.class);
        Map<ChromosomeKind, List<String>> notes = new EnumMap<>(ChromosomeKind.class);
        for (ChromosomeKind kind : ChromosomeKind.values()) {
            notes.put(kind, new ArrayList<>());
        }
        designs[ChromosomeKind.AUTOSOME.ordinal()] = autosome;
        designs[ChromosomeKind.MT.ordinal()] = autosome.scaled(2);
        notes.get(ChromosomeKind.MT).add("chromosome MT: a call coded 0..1 (haploid), as plink2 --glm");
        int[] males = withSex(sexes, Sex.MALE, null);
        int[] known = withSex(sexes, Sex.MALE, Sex.FEMALE);
        List<String> xNotes = notes.get(ChromosomeKind.X);
        if (males.length > 0 && males.length < known.length) {
            double[] sex = new double[known.length];
            for (int i = 0; i < known.length; i++) {
                sex[i] = sexes[known[i]] == Sex.MALE ? 1 : 2;
            }
            int unknown = sexes.length - known.length;
            xNotes.add("chromosome X: SEX added as a covariate" + (unknown == 0 ? ""
                    : " and the " + unknown + " samples of unknown sex left out") + ", as plink2 --glm");
            try {
                designs[ChromosomeKind.X.ordinal()] = GlmDesign.subset(samples, unknown == 0 ? null : known, sex,
                        "SEX", 1, logistic, phenoFile, phenoCol, "samples of known sex", xNotes);
            } catch (InputException e) {
                refusals.put(ChromosomeKind.X, InputException.usage("chromosome X is tested with SEX as a covariate "
                        + "(as plink2 --glm, which refuses this too): " + e.getMessage()));
            }
        } else {
            designs[ChromosomeKind.X.ordinal()] = autosome;
            xNotes.add("chromosome X tested as an autosome: the samples used are not of both known sexes (plink2 "
                    + "--glm adds SEX only then)");
        }
        boolean testsY = males.length > 0;
        if (testsY) {
            List<String> yNotes = notes.get(ChromosomeKind.Y);
            yNotes.add("chromosome Y: tested among the " + males.length + " males, a call coded 0..1 (haploid), as "
                    + "plink2 --glm");
            try {
                designs[ChromosomeKind.Y.ordinal()] = GlmDesign.subset(samples, males.length == sexes.length ? null
                        : males, null, null, 2, logistic, phenoFile, phenoCol, "males", yNotes);
            } catch (InputException e) {
                refusals.put(ChromosomeKind.Y, InputException.usage("chromosome Y is tested among the males (as "
                        + "plink2 --glm): " + e.getMessage()));
            }
        }
        return new GlmDesigns(designs, refusals, notes, testsY);
    }

    /** The kernel that tests the admitted variants. */
    GlmKernel kernel() {
        return kernel;
    }

    /**
     * False for a variant plink2 skips (chromosome Y without males); throws plink2's refusal for a variant of a
     * chromosome whose design is degenerate.
     */
    boolean admit(Variant v) {
        ChromosomeKind kind = ChromosomeKind.of(v.chrom());
        if (kind == ChromosomeKind.AUTOSOME) {
            return true;
        }
        if (kind == ChromosomeKind.Y && !testsY) {
            skippedY++;
            return false;
        }
        InputException refusal = refusals.get(kind);
        if (refusal != null) {
            throw refusal;
        }
        seen.add(kind);
        return true;
    }

    /** What was done on the sex chromosomes and MT that were admitted (nothing for autosomes only). */
    List<String> notes() {
        List<String> out = new ArrayList<>();
        for (ChromosomeKind kind : seen) {
            out.addAll(notes.get(kind));
        }
        if (skippedY > 0) {
            out.add(skippedY + " variants on chromosome Y skipped: no males among the samples used (plink2 --glm "
                    + "skips them too)");
        }
        return out;
    }

    /** Indices of the samples of sex {@code a} or {@code b}. */
    private static int[] withSex(Sex[] sexes, Sex a, Sex b) {
        int[] out = new int[sexes.length];
        int k = 0;
        for (int i = 0; i < sexes.length; i++) {
            if (sexes[i] == a || sexes[i] == b) {
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
