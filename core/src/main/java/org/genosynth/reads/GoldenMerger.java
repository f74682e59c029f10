package org.genosynth.reads;

import java.util.ArrayList;
import java.util.List;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMRecord;

/**
 * Writes golden records in coordinate order without a full sort: each unit's records arrive sorted by start (sorted
 * on the worker, ties in simulation order), units arrive window by window, and no record of a later unit of the same
 * contig starts before the unit's {@link Unit#flushBefore}; so the sink merges the few buffered runs up to that
 * position. Ties go to the earlier unit, so the order never depends on the thread count.
 */
final class GoldenMerger {
    private static final class Run {
        final SAMRecord[] records;
        final int[] starts;
        int at;

        Run(SAMRecord[] records, int[] starts) {
            this.records = records;
            this.starts = starts;
        }
    }

    private final SAMFileWriter writer;
    private final List<Run> runs = new ArrayList<>();
    private int contig = -1;

    GoldenMerger(SAMFileWriter writer) {
        this.writer = writer;
    }

    void add(ReadKernel.Output out) {
        Unit u = out.unit();
        if (u.refIndex() != contig) {
            finish();
            contig = u.refIndex();
        }
        if (out.sortedGolden().length > 0) {
            runs.add(new Run(out.sortedGolden(), out.sortedStarts()));
        }
        flush(u.flushBefore());
    }

    /** Writes buffered records starting (0-based) before {@code limit}. */
    private void flush(long limit) {
        while (!runs.isEmpty()) {
            Run best = null;
            for (Run r : runs) {
                if (best == null || r.starts[r.at] < best.starts[best.at]) {
                    best = r;
                }
            }
            if (best.starts[best.at] - 1L >= limit) {
                return;
            }
            writer.addAlignment(best.records[best.at]);
            best.records[best.at] = null;
            if (++best.at == best.records.length) {
                runs.remove(best);
            }
        }
    }

    void finish() {
        flush(Long.MAX_VALUE);
    }
}
