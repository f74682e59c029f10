package org.genosynth.io.vcf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import htsjdk.tribble.readers.TabixReader;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import org.genosynth.io.InputException;
import org.genosynth.io.ReadOptions;
import org.genosynth.io.GenotypeReader;

/**
 * The regions of a bgzipped VCF with a tabix index ({@code .tbi} beside it): one region per contig, in the order the
 * contigs come in the file (tabix numbers them by first appearance), each readable on its own through the index.
 */
public final class TabixRegions {
    private TabixRegions() {
    }

    /** The tabix index of {@code vcf} ({@code vcf + ".tbi"}) when it exists, else null. */
    public static Path index(Path vcf) {
        Path tbi = Path.of(vcf + ".tbi");
        return Files.isRegularFile(tbi) ? tbi : null;
    }

    /** The contigs of an indexed VCF, in file order. */
    public static List<String> contigs(Path vcf) {
        try (TabixReader tabix = new TabixReader(vcf.toString(), index(vcf).toString())) {
            List<String> names = new ArrayList<>(tabix.getChromosomes());
            names.sort(Comparator.comparingInt(tabix::chr2tid));
            return names;
        } catch (IOException | RuntimeException e) {
            throw InputException.inFile(index(vcf), "cannot read the tabix index (" + e.getMessage() + ")");
        }
    }

    /** A reader of one contig's records of an indexed VCF. */
    public static GenotypeReader open(Path vcf, String contig, ReadOptions.MultiallelicPolicy multiallelic) {
        return VcfReader.open(vcf, new RegionSource(vcf, contig), multiallelic);
    }

    /** One contig's records, through the index; errors name the contig and the record's number in it. */
    private static final class RegionSource extends RecordSource {
        private final String contig;
        private final VCFHeader header;
        private final VCFCodec codec = new VCFCodec();
        private final TabixReader tabix;
        private final TabixReader.Iterator lines;
        private long record;

        RegionSource(Path vcf, String contig) {
            super(vcf);
            this.contig = contig;
            try (RecordSource whole = RecordSource.open(vcf)) {
                this.header = whole.header();
            } catch (IOException e) {
                throw InputException.inFile(vcf, "cannot read: " + e.getMessage());
            }
            codec.readActualHeader(new ListLineIterator(headerLines(vcf).iterator()));
            try {
                this.tabix = new TabixReader(vcf.toString(), index(vcf).toString());
                int tid = tabix.chr2tid(contig);
                this.lines = tid < 0 ? null : tabix.query(tid, 0, Integer.MAX_VALUE);
            } catch (IOException e) {
                throw InputException.inFile(vcf, "cannot read through its tabix index (" + e.getMessage() + ")");
            }
        }

        /** The header lines, up to {@code #CHROM}, for this source's codec. */
        private static List<String> headerLines(Path vcf) {
            List<String> lines = new ArrayList<>();
            try (java.io.BufferedReader in = org.genosynth.io.TextInput.openReader(vcf)) {
                String line;
                while ((line = in.readLine()) != null && line.startsWith("#")) {
                    lines.add(line);
                    if (line.startsWith("#CHROM")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw org.genosynth.io.TextInput.readFailure(vcf, e);
            }
            return lines;
        }

        @Override
        VCFHeader header() {
            return header;
        }

        @Override
        VariantContext next() {
            String line;
            try {
                do {
                    line = lines == null ? null : lines.next();
                } while (line != null && line.isEmpty());
            } catch (IOException e) {
                throw InputException.inFile(path, "cannot read " + contig + " through its tabix index ("
                        + e.getMessage() + ")");
            }
            if (line == null) {
                return null;
            }
            record++;
            try {
                return codec.decode(line);
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        @Override
        long line() {
            return 0;
        }

        @Override
        String where() {
            return "record " + record + " of contig " + contig;
        }

        @Override
        public void close() {
            tabix.close();
        }
    }
}
