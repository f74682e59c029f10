package org.genosynth.io.vcf;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genosynth.io.InputException;
import org.genosynth.model.Variant;

/**
 * Checks that variants arrive grouped by chromosome and sorted by position within each (as VCF indexes require);
 * variants without a position are ignored. A block is checked as a whole before any of it is accepted.
 */
final class PositionOrder {
    private final Set<String> finished = new HashSet<>();
    private String chrom;
    private long lastPosition;

    /** Checks the positioned variants of a block and, when they follow on, advances past them. */
    void accept(List<Variant> variants) {
        Set<String> done = new HashSet<>();
        String c = chrom;
        long last = lastPosition;
        Variant previous = null;
        for (Variant v : variants) {
            if (!v.hasPosition()) {
                continue;
            }
            if (v.chrom().equals(c)) {
                if (v.position() < last) {
                    throw unsorted(v.describe() + " comes after position " + last + " of chromosome " + c);
                }
            } else {
                if (finished.contains(v.chrom()) || done.contains(v.chrom())) {
                    throw unsorted("chromosome " + v.chrom() + " appears again at " + v.describe()
                            + " after other chromosomes");
                }
                if (c != null) {
                    done.add(c);
                }
                c = v.chrom();
            }
            last = v.position();
            previous = v;
        }
        if (previous != null) {
            finished.addAll(done);
            chrom = c;
            lastPosition = last;
        }
    }

    private static InputException unsorted(String detail) {
        return InputException.usage("variants are not sorted by position (" + detail + "); VCF output must be "
                + "sorted: sort the input first (genosynth convert sorts PLINK/BIMBAM inputs in memory; for VCF use "
                + "'bcftools sort')");
    }
}
