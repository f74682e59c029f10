package org.genosynth.assoc.pca;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genosynth.assoc.kinship.Standardized;
import org.genosynth.assoc.kinship.StructureInput;
import org.genosynth.exec.ExecutionContext;
import org.genosynth.io.AtomicOutput;
import org.genosynth.model.GenotypeMatrix;

/** {@code genosynth pca}: computes PCs, writes plink2-style files, and optionally projects another cohort. */
public final class PcaJob {
    private PcaJob() {
    }

    /**
     * @param input     the cohort
     * @param outPrefix output prefix
     * @param pcs       number of PCs
     * @param approx    randomized instead of exact
     * @param project   another cohort to project onto the PCs (null: none); read with the same read options
     * @param seed      seed of the randomized method
     */
    public record Request(StructureInput input, String outPrefix, int pcs, boolean approx, Path project, long seed) {
    }

    /** What was done. */
    public record Summary(int samples, int variants, double[] eigenvalues, String lapack,
                         PcaModel.Match projection, List<Path> outputs, String autosomesNote) {
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(samples).append(" samples, ").append(variants).append(" variants; LAPACK: ").append(lapack)
                    .append('\n').append("eigenvalues:");
            for (double v : eigenvalues) {
                sb.append(' ').append(org.genosynth.util.Numbers.significant(v, 6));
            }
            sb.append('\n');
            if (autosomesNote != null) {
                sb.append("note: ").append(autosomesNote).append('\n');
            }
            if (projection != null) {
                sb.append("projected cohort: ").append(projection.matched()).append(" variants matched, ")
                        .append(projection.flipped()).append(" with swapped alleles, ").append(projection.unmatched())
                        .append(" not in the model, ").append(projection.absent()).append(" model variants absent\n");
            }
            for (Path p : outputs) {
                sb.append("  ").append(p).append('\n');
            }
            return sb.toString();
        }
    }

    /** Runs the job on a thread pool of the input's {@code threads} workers. */
    public static Summary run(Request request) {
        try (ExecutionContext context = ExecutionContext.local(request.input().threads())) {
            return run(request, context);
        }
    }

    /** Runs the job, the randomized method's passes over the genotypes on {@code context}'s backend. */
    public static Summary run(Request request, ExecutionContext context) {
        GenotypeMatrix loaded = request.input().load();
        GenotypeMatrix m = request.input().autosomesOf(loaded, "PCA");
        request.input().requirePolymorphic(m, "PCA");
        Standardized z = Standardized.of(m);
        PcaResult result = request.approx() ? Pca.approx(z, request.pcs(), request.seed(), context.backend())
                : Pca.exact(z, request.pcs());
        String prefix = request.outPrefix();
        List<Path> outputs = new ArrayList<>();
        PcaModel.Match match = null;
        try (AtomicOutput out = new AtomicOutput()) {
            Path val = Path.of(prefix + ".eigenval");
            Path vec = Path.of(prefix + ".eigenvec");
            Path var = Path.of(prefix + ".eigenvec.var");
            Path freq = Path.of(prefix + ".eigenvec.afreq");
            PcaFiles.writeEigenvalues(result.eigenvalues(), out.temp(val));
            PcaFiles.writeEigenvectors(result.samples(), result.eigenvectors(), result.pcCount(), out.temp(vec));
            PcaFiles.writeModel(result.model(), out.temp(var), out.temp(freq));
            outputs.addAll(List.of(val, vec, var, freq));
            if (request.project() != null) {
                StructureInput other = new StructureInput(request.project(), request.input().read(), true,
                        request.input().threads());
                GenotypeMatrix om = other.load();
                PcaModel.Projection p = result.model().project(om);
                Path projected = Path.of(prefix + ".projected.eigenvec");
                PcaFiles.writeEigenvectors(om.samples(), p.coordinates(), result.pcCount(), out.temp(projected));
                outputs.add(projected);
                match = p.match();
            }
            out.commit();
        }
        return new Summary(m.sampleCount(), m.variantCount(), result.eigenvalues(), lapackName(), match, outputs,
                StructureInput.nonAutosomesNote(loaded.variantCount() - m.variantCount()));
    }

    /** The class name of the LAPACK implementation in use (JNILAPACK = native, e.g. OpenBLAS; F2jLAPACK = Java). */
    public static String lapackName() {
        return dev.ludovic.netlib.lapack.LAPACK.getInstance().getClass().getSimpleName();
    }
}
