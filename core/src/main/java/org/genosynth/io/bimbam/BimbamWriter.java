package org.genosynth.io.bimbam;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.genosynth.io.AtomicOutput;
import org.genosynth.io.GenotypeWriter;
import org.genosynth.io.InputException;
import org.genosynth.io.NumberText;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Writes a BIMBAM set as GEMMA reads it: {@code PREFIX.geno.txt.gz} (gzipped rows {@code rs, A1, A2, v1, ...} with
 * A1 = ALT, the dosage when the block has one for the variant, else the genotype code, {@code NA} when missing),
 * {@code PREFIX.anno.txt} (plain, since GEMMA cannot read a gzipped annotation: {@code rs bp chr [cM]}, {@code NA} for
 * an unknown bp, cM only when some variant has one) and {@code PREFIX.fam} with the sample sheet. Dosages are written
 * as the shortest decimal that reads back as the same float. A variant without an ID gets {@code chrom:pos:ref:alt}.
 * The genotype file is deflated at level 1: about five times faster than the default level for 1.6 times the size.
 */
public final class BimbamWriter implements GenotypeWriter {
    private static final int BUFFER = 1 << 16;
    private static final String[] CODE_TEXT = {"0", "1", "2", "NA"};

    private final SampleSheet samples;
    private final AtomicOutput output = new AtomicOutput();
    private final List<Path> finalPaths;
    private final Path genoPath;
    private final Writer geno;
    private final BimbamAnnotationWriter anno;
    private final StringBuilder row = new StringBuilder();
    private long written;
    private long namedIds;
    private boolean committed;
    private boolean closed;

    private BimbamWriter(Path prefix, SampleSheet samples) throws IOException {
        this.samples = samples;
        this.genoPath = BimbamPaths.withSuffix(prefix, BimbamPaths.GENO);
        Path annoPath = BimbamPaths.withSuffix(prefix, BimbamPaths.ANNO);
        Path famPath = BimbamPaths.withSuffix(prefix, BimbamPaths.FAM);
        this.finalPaths = List.of(genoPath, annoPath, famPath);
        try {
            BimbamSampleFile.write(output.temp(famPath), samples);
            this.anno = new BimbamAnnotationWriter(output.temp(annoPath));
            OutputStream gz = new FastGzipOutputStream(Files.newOutputStream(output.temp(genoPath)));
            this.geno = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), BUFFER);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /**
     * Creates the writer. A trailing {@code .geno.txt.gz}, {@code .geno.txt} or {@code .bimbam} is dropped from
     * {@code outPrefix}.
     */
    public static GenotypeWriter create(Path outPrefix, SampleSheet samples) {
        Path prefix = BimbamPaths.outputPrefix(outPrefix);
        try {
            return new BimbamWriter(prefix, samples);
        } catch (IOException e) {
            throw InputException.inFile(prefix, "cannot create output: " + e.getMessage());
        }
    }

    @Override
    public void write(VariantBlock block) {
        if (committed || closed) {
            throw new IllegalStateException("writer is " + (committed ? "committed" : "closed"));
        }
        if (block.sampleCount() != samples.size()) {
            throw new IllegalArgumentException("block has " + block.sampleCount() + " samples, writer "
                    + samples.size());
        }
        try {
            for (int i = 0; i < block.variantCount(); i++) {
                Variant v = block.variant(i);
                String id = idOf(v);
                anno.write(id, v);
                row.setLength(0);
                row.append(id).append(", ").append(checkedText(v.alt(), v)).append(", ").append(checkedText(v.ref(), v));
                appendValues(row, block, i);
                row.append('\n');
                geno.append(row);
                written++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + genoPath, e);
        }
    }

    /** Appends {@code ", v"} per sample: the dosage when the variant has dosages, else the code; NA when missing. */
    private static void appendValues(StringBuilder sb, VariantBlock block, int i) {
        float[] dosages = block.dosages(i);
        int n = block.sampleCount();
        if (dosages != null) {
            for (int s = 0; s < n; s++) {
                float d = dosages[s];
                sb.append(", ").append(Float.isNaN(d) ? "NA" : NumberText.formatFloat(d));
            }
            return;
        }
        long[] words = block.genotypeWords();
        int offset = block.offset(i);
        for (int s = 0; s < n; s++) {
            sb.append(", ").append(CODE_TEXT[GenotypeCodes.get(words, offset, s)]);
        }
    }

    private String idOf(Variant v) {
        if (!Variant.MISSING_ALLELE.equals(v.id())) {
            return checkedText(v.id(), v);
        }
        namedIds++;
        return checkedText(v.chrom() + ":" + (v.hasPosition() ? v.position() : 0) + ":" + v.ref() + ":" + v.alt(), v);
    }

    /** Rejects text that would break a BIMBAM row (separators inside a field). */
    private String checkedText(String text, Variant v) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                throw InputException.inFile(genoPath, "variant " + v.describe() + ": '" + text + "' contains a comma "
                        + "or whitespace, which BIMBAM cannot hold");
            }
        }
        return text;
    }

    @Override
    public List<Path> commit() {
        if (committed) {
            return finalPaths;
        }
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        try {
            geno.close();
            anno.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("finishing " + genoPath, e);
        }
        output.commit();
        committed = true;
        return finalPaths;
    }

    @Override
    public long variantsWritten() {
        return written;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (namedIds > 0) {
            notes.add(namedIds + " variants had no ID and were named chrom:pos:ref:alt (BIMBAM matches by rs ID)");
        }
        return notes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            geno.close();
        } catch (IOException ignored) {
            // the temporary file is deleted below unless committed
        }
        anno.closeQuietly();
        output.close();
    }

    /** gzip at {@link Deflater#BEST_SPEED}. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
