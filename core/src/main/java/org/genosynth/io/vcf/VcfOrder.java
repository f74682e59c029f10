package org.genosynth.io.vcf;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.genosynth.io.InputException;

/**
 * Checks that VCF records come sorted as bcftools and tabix need them: each contig in one run, positions
 * non-decreasing within it. An unsorted file is a user error naming the record (sort it with {@code bcftools sort}).
 */
public final class VcfOrder {
    private final Path file;
    private final Set<String> done = new HashSet<>();
    private String contig;
    private long position;

    public VcfOrder(Path file) {
        this.file = file;
    }

    /** Accepts the next record ({@code record}: 1-based data record number, for the message). */
    public void accept(String chrom, long pos, long record) {
        if (chrom.equals(contig)) {
            if (pos < position) {
                throw InputException.inFile(file, "record " + record + " (" + chrom + ":" + pos + ") comes after "
                        + chrom + ":" + position + ": the VCF is not sorted; sort it (bcftools sort) and retry");
            }
        } else {
            if (done.contains(chrom)) {
                throw InputException.inFile(file, "record " + record + " (" + chrom + ":" + pos + ") returns to "
                        + "contig " + chrom + " after " + contig + ": the VCF is not sorted; sort it (bcftools sort) "
                        + "and retry");
            }
            if (contig != null) {
                done.add(contig);
            }
            contig = chrom;
        }
        position = pos;
    }
}
