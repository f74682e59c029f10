package org.genosynth.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genosynth.model.GenotypeCodes;
import org.genosynth.model.Variant;
import org.genosynth.model.VariantBlock;

/**
 * Buffers every block in memory and writes them to another writer sorted by chromosome (in order of first appearance)
 * and position, for formats that need sorted records (indexed VCF). Variants with unknown position keep their
 * relative order at the end of their chromosome. Memory: the packed genotypes of the whole input.
 */
public final class SortingWriter implements GenotypeWriter {
    private final GenotypeWriter inner;
    private final List<VariantBlock> blocks = new ArrayList<>();
    private long buffered;

    public SortingWriter(GenotypeWriter inner) {
        this.inner = inner;
    }

    /** True when {@code variants} are already grouped by chromosome and sorted by known position within each. */
    public static boolean isSorted(List<Variant> variants) {
        Map<String, Long> last = new HashMap<>();
        String current = null;
        for (Variant v : variants) {
            if (!v.chrom().equals(current)) {
                if (last.containsKey(v.chrom())) {
                    return false;
                }
                current = v.chrom();
                last.put(current, Long.MIN_VALUE);
            }
            if (v.hasPosition()) {
                if (v.position() < last.get(current)) {
                    return false;
                }
                last.put(current, v.position());
            }
        }
        return true;
    }

    @Override
    public void write(VariantBlock block) {
        blocks.add(block);
        buffered += block.variantCount();
    }

    @Override
    public List<Path> commit() {
        record Ref(int block, int index, int chromRank, long position, long order) {
        }
        Map<String, Integer> chromRank = new HashMap<>();
        List<Ref> refs = new ArrayList<>();
        long order = 0;
        for (int b = 0; b < blocks.size(); b++) {
            VariantBlock block = blocks.get(b);
            for (int i = 0; i < block.variantCount(); i++) {
                Variant v = block.variant(i);
                int rank = chromRank.computeIfAbsent(v.chrom(), k -> chromRank.size());
                refs.add(new Ref(b, i, rank, v.hasPosition() ? v.position() : Long.MAX_VALUE, order++));
            }
        }
        refs.sort(Comparator.comparingInt(Ref::chromRank).thenComparingLong(Ref::position)
                .thenComparingLong(Ref::order));
        int chunk = 4096;
        for (int start = 0; start < refs.size(); start += chunk) {
            List<Ref> part = refs.subList(start, Math.min(refs.size(), start + chunk));
            inner.write(gather(part.stream().map(r -> new int[] {r.block(), r.index()}).toList(), start));
        }
        blocks.clear();
        return inner.commit();
    }

    private VariantBlock gather(List<int[]> refs, long firstIndex) {
        int n = blocks.get(0).sampleCount();
        int wpv = GenotypeCodes.wordsPerVariant(n);
        long[] words = new long[refs.size() * wpv];
        List<Variant> variants = new ArrayList<>(refs.size());
        float[][] dosages = new float[refs.size()][];
        long[][] phase = new long[refs.size()][];
        for (int j = 0; j < refs.size(); j++) {
            VariantBlock b = blocks.get(refs.get(j)[0]);
            int i = refs.get(j)[1];
            variants.add(b.variant(i));
            System.arraycopy(b.genotypeWords(), b.offset(i), words, j * wpv, wpv);
            dosages[j] = b.dosages(i);
            phase[j] = b.phase(i);
        }
        return new VariantBlock(firstIndex, n, variants, words, dosages, phase);
    }

    @Override
    public long variantsWritten() {
        return buffered;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(inner.notes());
        notes.add(0, "variants sorted by chromosome and position in memory before writing (the output needs position "
                + "order and the input does not guarantee it)");
        return notes;
    }

    @Override
    public void close() {
        inner.close();
    }
}
