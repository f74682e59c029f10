package org.genosynth.assoc.lmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genosynth.io.AtomicOutput;
import org.genosynth.model.Variant;
import org.genosynth.util.Numbers;

/**
 * Writes {@code OUT.gwas.tsv} (one line per input variant, as the linear table: {@code #CHROM POS ID REF ALT A1 A1_FREQ
 * OBS_CT BETA SE P P_WALD P_LRT P_SCORE}, P = P_WALD, A1 = the counted ALT allele, unknown positions as {@code NA};
 * variants GEMMA's filters leave untested have NA statistics) and {@code OUT.lmm.log.tsv} (the null model:
 * {@code KEY VALUE} lines, then one {@code untested ID REASON} line per untested variant), both atomically.
 */
public final class LmmResultWriter {
    private LmmResultWriter() {
    }

    /** Writes both files for {@code outPrefix}; returns their paths. */
    public static List<Path> write(Path outPrefix, List<Variant> variants, LmmResult result) {
        Path table = Path.of(outPrefix + ".gwas.tsv");
        Path log = Path.of(outPrefix + ".lmm.log.tsv");
        try (AtomicOutput out = new AtomicOutput()) {
            writeTable(out.temp(table), variants, result);
            writeLog(out.temp(log), variants, result);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + table, e);
        }
        return List.of(table, log);
    }

    private static void writeTable(Path file, List<Variant> variants, LmmResult result) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("#CHROM\tPOS\tID\tREF\tALT\tA1\tA1_FREQ\tOBS_CT\tBETA\tSE\tP\tP_WALD\tP_LRT\tP_SCORE\n");
            StringBuilder sb = new StringBuilder(256);
            LmmResult.Untested all = result.untested();
            int next = 0;
            for (int i = 0; i < variants.size(); i++) {
                LmmResult.SnpResult s = next < result.snps().size() && result.snps().get(next).variant() == i
                        ? result.snps().get(next++) : null;
                Variant v = variants.get(i);
                sb.setLength(0);
                sb.append(v.chrom()).append('\t');
                if (v.position() > 0) {
                    sb.append(v.position());
                } else {
                    sb.append("NA");
                }
                sb.append('\t').append(v.id()).append('\t').append(v.ref()).append('\t').append(v.alt())
                        .append('\t').append(v.alt()).append('\t');
                if (s == null) {
                    Numbers.appendSignificant(sb, all.freq()[i], 6).append('\t')
                            .append(all.analysed() - all.missing()[i]).append("\tNA\tNA\tNA\tNA\tNA\tNA\n");
                    w.append(sb);
                    continue;
                }
                Numbers.appendSignificant(sb, s.alleleFreq(), 6).append('\t').append(s.observed()).append('\t');
                Numbers.appendSignificant(sb, s.beta(), 7).append('\t');
                Numbers.appendSignificant(sb, s.se(), 7).append('\t');
                Numbers.appendSignificant(sb, s.pWald(), 7).append('\t');
                Numbers.appendSignificant(sb, s.pWald(), 7).append('\t');
                Numbers.appendSignificant(sb, s.pLrt(), 7).append('\t');
                Numbers.appendSignificant(sb, s.pScore(), 7).append('\n');
                w.append(sb);
            }
        }
    }

    private static void writeLog(Path file, List<Variant> variants, LmmResult r) throws IOException {
        int variantCount = variants.size();
        NullModel m = r.nullModel();
        StringBuilder sb = new StringBuilder();
        sb.append("#KEY\tVALUE\n");
        line(sb, "samples_analysed", m.sampleCount());
        line(sb, "covariates", r.covariateCount());
        line(sb, "snps_total", variantCount);
        line(sb, "snps_tested", r.snps().size());
        line(sb, "lambda_remle", m.lambdaReml());
        line(sb, "logl_remle", m.logLReml());
        line(sb, "lambda_mle", m.lambdaMle());
        line(sb, "logl_mle", m.logLMle());
        line(sb, "vg", m.vg());
        line(sb, "ve", m.ve());
        line(sb, "pve", m.pve());
        line(sb, "pve_se", m.pveSe());
        line(sb, "mean_eigenvalue", m.traceK());
        for (int j = 0; j < m.beta().length; j++) {
            line(sb, "beta_covariate_" + (j + 1), m.beta()[j]);
            line(sb, "se_covariate_" + (j + 1), m.betaSe()[j]);
        }
        for (String note : r.notes()) {
            sb.append("note\t").append(note.replace('\t', ' ')).append('\n');
        }
        for (int v = 0; v < variants.size(); v++) {
            if (r.untested().reason()[v] != 0) {
                sb.append("untested\t").append(variants.get(v).id()).append('\t').append(r.untested().reasonText(v))
                        .append('\n');
            }
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, String key, double value) {
        sb.append(key).append('\t');
        Numbers.appendSignificant(sb, value, 10).append('\n');
    }
}
