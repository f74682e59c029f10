package org.genosynth.io.bimbam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.genosynth.io.Fileset;
import org.genosynth.io.GenotypeReader;
import org.genosynth.io.InputException;
import org.genosynth.io.LineReader;
import org.genosynth.io.OffsetLines;
import org.genosynth.io.TextInput;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Sample;
import org.genosynth.model.SampleSheet;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Reads a BIMBAM mean-genotype file (plain or gzipped) with its annotation and sample file. Every value is kept as a
 * float ALT dosage ({@code NaN} for {@code NA}); the genotype code is the dosage rounded to 0..2, 3 when missing.
 * Companions are found beside the genotype file when not given: {@code PREFIX.anno.txt[.gz]} and
 * {@code PREFIX.fam[.gz]}. Without a sample file the samples are named {@code sample1..sampleN}; without an annotation
 * every variant is on chromosome {@code 0} at an unknown position.
 */
public final class BimbamReader implements GenotypeReader {
    private final Path path;
    /** The rows of a gzipped file (parsed here, as they are read), else null. */
    private final LineReader lines;
    /** The rows of a plain file (parsed where their blocks are used, see {@link BimbamSlice}), else null. */
    private final OffsetLines plainLines;
    private final boolean strain;
    private final GenoRowParser parser;
    private final BimbamAnnotation annotation;
    private final SampleSheet sheet;
    private final String countSource;
    private final List<String> fixedNotes = new ArrayList<>();
    private String pendingLine;
    private long pendingLineNumber;
    private long pendingOffset;
    private int rowsRead;
    private int rowLimit = Integer.MAX_VALUE;
    private int unannotated;
    private boolean closed;

    private BimbamReader(Path path, BimbamAnnotation annotation, Path samplePath, LineReader lines,
                         OffsetLines plainLines, boolean strain) {
        this.path = path;
        this.lines = lines;
        this.plainLines = plainLines;
        this.strain = strain;
        this.parser = new GenoRowParser(path);
        if (strain) {
            parser.strainCoding();
        }
        this.annotation = annotation;
        advance();
        if (samplePath != null) {
            this.sheet = BimbamSampleFile.read(samplePath);
            this.countSource = "one per sample in " + samplePath;
            checkSampleCount(samplePath);
        } else {
            this.sheet = generatedSamples();
            this.countSource = "as on line " + pendingLineNumber;
            fixedNotes.add("no sample file (looked for " + BimbamPaths.prefixOf(path).getFileName()
                    + ".fam): samples are named sample1..sample" + sheet.size());
        }
    }

    /**
     * The note for a BIMBAM file read without annotation: what is lost and how to get it (BIMBAM genotype rows carry
     * no chromosome or position). Not among the reader's {@link #notes()}: the command line states it once, on stderr,
     * whichever command reads the file ({@link #lacksAnnotation} tells when).
     */
    public static String missingAnnotation(Path genoPath) {
        return genoPath.getFileName() + ": no BIMBAM annotation (looked for "
                + BimbamPaths.annotationCandidates(genoPath) + "): BIMBAM genotype rows carry no chromosome or position, "
                + "so every variant is read on chromosome 0 at an unknown position (no Manhattan positions, LD windows "
                + "or VCF output); pass --anno FILE (rs, bp, chr[, cM]) to place them";
    }

    /** True when {@code genoPath} is read without an annotation: none given and none found beside it. */
    public static boolean lacksAnnotation(Path genoPath, Path annotation) {
        return annotation == null && BimbamPaths.findAnnotation(genoPath) == null;
    }

    /**
     * Opens a BIMBAM genotype file.
     *
     * @param genoPath   the mean-genotype file
     * @param annotation the annotation file, or null to look for {@code PREFIX.anno.txt[.gz]}
     * @param samples    a .fam (or one ID per line) file, or null to look for {@code PREFIX.fam[.gz]}
     */
    public static GenotypeReader open(Path genoPath, Path annotation, Path samples) {
        return open(genoPath, annotation, samples, false);
    }

    /** As {@link #open(Path, Path, Path)}; with {@code strain}, values are 0/1 strain codes, doubled on reading. */
    public static GenotypeReader open(Path genoPath, Path annotation, Path samples, boolean strain) {
        return open(genoPath, annotation, samples, strain, null);
    }

    /**
     * As {@link #open(Path, Path, Path, boolean)}, reading only the rows of {@code rows} (a line range of a plain
     * genotype file, found by {@link BimbamRows#split}); null for the whole file.
     */
    public static GenotypeReader open(Path genoPath, Path annotation, Path samples, boolean strain,
                                      BimbamRows.Range rows) {
        Path annoPath = annotation != null ? annotation : BimbamPaths.findAnnotation(genoPath);
        Path samplePath = samples != null ? samples : BimbamPaths.findSamples(genoPath);
        BimbamAnnotation anno = annoPath == null ? null : BimbamAnnotation.read(annoPath);
        Fileset.input(genoPath);
        Path readable = Fileset.readable(genoPath);
        boolean plain = rows != null || Files.isRegularFile(readable) && !TextInput.isGzipped(readable);
        LineReader lines = plain ? null : new LineReader(genoPath);
        OffsetLines plainLines = !plain ? null : rows == null ? new OffsetLines(genoPath, 0, 0)
                : new OffsetLines(genoPath, rows.byteOffset(), rows.lineBefore());
        try {
            BimbamReader r = new BimbamReader(genoPath, anno, samplePath, lines, plainLines, strain);
            if (rows != null) {
                r.rowsRead = rows.firstRow();
                r.rowLimit = rows.firstRow() + rows.rowCount();
            }
            if (strain) {
                r.fixedNotes.add("--coding strain: values read as 0/1 strain alleles, 1 = homozygous ALT (dosage 2)");
            }
            return r;
        } catch (RuntimeException e) {
            if (lines != null) {
                lines.close();
            }
            if (plainLines != null) {
                plainLines.close();
            }
            throw e;
        }
    }

    private SampleSheet generatedSamples() {
        if (pendingLine == null) {
            throw InputException.inFile(path, "genotype file is empty and there is no sample file to tell the samples");
        }
        int n = GenoRowParser.valueCount(pendingLine);
        if (n < 0) {
            throw new InputException(path, pendingLineNumber, null, "expected rs, A1, A2 and one value per sample");
        }
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            samples.add(Sample.of("sample" + i));
        }
        return SampleSheet.of(samples);
    }

    private void checkSampleCount(Path samplePath) {
        if (pendingLine == null) {
            return;
        }
        int n = GenoRowParser.valueCount(pendingLine);
        if (n >= 0 && n != sheet.size()) {
            throw new InputException(path, pendingLineNumber, null, "row has " + n + " genotype values but sample "
                    + "file " + samplePath + " lists " + sheet.size() + " samples");
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SampleSheet sampleSheet() {
        return sheet;
    }

    /** Empty: the annotation does not promise the genotype order, and a pre-scan would read the file twice. */
    @Override
    public Optional<List<Variant>> variantsUpFront() {
        return Optional.empty();
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(fixedNotes);
        if (unannotated > 0) {
            notes.add(unannotated + " of " + rowsRead + " variants have no entry in " + annotation.path()
                    + ": chromosome 0, unknown position");
        }
        return notes;
    }

    @Override
    public VariantBlock nextBlock(int maxVariants) {
        if (maxVariants < 1) {
            throw new IllegalArgumentException("maxVariants must be positive: " + maxVariants);
        }
        if (closed || pendingLine == null || rowsRead >= rowLimit) {
            return null;
        }
        return plainLines != null ? nextSlice(maxVariants) : nextParsed(maxVariants);
    }

    /**
     * The next rows of a plain file as a block whose values are parsed where it is used: here only each row's rs, A1
     * and A2 are read (for the variants), and the block's genotypes are a {@link BimbamSlice} of the file.
     */
    private VariantBlock nextSlice(int maxVariants) {
        long firstIndex = rowsRead;
        long offset = pendingOffset;
        long lineBefore = pendingLineNumber - 1;
        List<Variant> variants = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        long[] lineNumbers = new long[Math.min(maxVariants, 1 << 12)];
        while (pendingLine != null && variants.size() < maxVariants && rowsRead < rowLimit) {
            int k = variants.size();
            if (k == lineNumbers.length) {
                lineNumbers = Arrays.copyOf(lineNumbers, k * 2);
            }
            parser.parseIds(pendingLine, pendingLineNumber);
            variants.add(variant());
            rows.add(pendingLine);
            lineNumbers[k] = pendingLineNumber;
            rowsRead++;
            advance();
        }
        // the rows' text (a few characters per value) takes less memory than the parsed float dosages: kept
        BimbamSlice slice = new BimbamSlice(path, offset, lineBefore, variants.size(), sheet.size(), strain,
                countSource, rows, lineNumbers);
        return VariantBlock.decodedOnDemand(firstIndex, sheet.size(), variants, slice);
    }

    /** The next rows of a gzipped file, parsed now. */
    private VariantBlock nextParsed(int maxVariants) {
        int n = sheet.size();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long firstIndex = rowsRead;
        List<Variant> variants = new ArrayList<>();
        List<float[]> dosages = new ArrayList<>();
        long[] words = new long[Math.min(maxVariants, 1 << 16) * wpv];
        while (pendingLine != null && variants.size() < maxVariants && rowsRead < rowLimit) {
            int k = variants.size();
            if ((k + 1) * wpv > words.length) {
                words = Arrays.copyOf(words, Math.max((k + 1) * wpv, words.length * 2));
            }
            float[] d = new float[n];
            parser.parse(pendingLine, pendingLineNumber, d, words, k * wpv, countSource);
            variants.add(variant());
            dosages.add(d);
            rowsRead++;
            advance();
        }
        long[] used = words.length == variants.size() * wpv ? words : Arrays.copyOf(words, variants.size() * wpv);
        return new VariantBlock(firstIndex, n, variants, used, dosages.toArray(new float[0][]), null);
    }

    /** Reads the next non-blank line into {@code pendingLine} (null at the end), with its number and offset. */
    private void advance() {
        if (plainLines != null) {
            pendingLine = plainLines.nextNonBlank();
            pendingLineNumber = plainLines.lineNumber();
            pendingOffset = plainLines.lineStart();
        } else {
            pendingLine = lines.nextNonBlank();
            pendingLineNumber = lines.lineNumber();
        }
    }

    private Variant variant() {
        if (annotation == null) {
            return BimbamAnnotation.variant(null, parser.rs(), parser.a1(), parser.a2());
        }
        BimbamAnnotation.Entry e = annotation.lookup(parser.rs(), rowsRead, path, pendingLineNumber);
        if (e == null) {
            unannotated++;
        }
        return BimbamAnnotation.variant(e, parser.rs(), parser.a1(), parser.a2());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (lines != null) {
                lines.close();
            }
            if (plainLines != null) {
                plainLines.close();
            }
        }
    }
}
