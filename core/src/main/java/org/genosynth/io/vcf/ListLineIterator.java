package org.genosynth.io.vcf;

import java.util.Iterator;
import java.util.NoSuchElementException;
import htsjdk.tribble.readers.LineIterator;

/** Feeds lines already in memory (a VCF header) to htsjdk's header parser. */
final class ListLineIterator implements LineIterator {
    private final Iterator<String> lines;
    private String peeked;

    ListLineIterator(Iterator<String> lines) {
        this.lines = lines;
    }

    @Override
    public String peek() {
        if (peeked == null && lines.hasNext()) {
            peeked = lines.next();
        }
        return peeked;
    }

    @Override
    public boolean hasNext() {
        return peeked != null || lines.hasNext();
    }

    @Override
    public String next() {
        String line = peek();
        if (line == null) {
            throw new NoSuchElementException();
        }
        peeked = null;
        return line;
    }
}
