package org.genosynth.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void rawBytesQuotedByAParserAreEscapedOntoOneLine() {
        // htsjdk's text for a fuzzed GT field (bench/fuzz.sh, run-1-1593): a carriage return and control bytes
        String raw = "v.vcf:13: malformed record (The following invalid GT allele index was encountered in the file: "
                + "B\r\u00170\u0014\uFFFD)";
        String clean = Messages.clean(raw);
        assertThat(clean).isEqualTo("v.vcf:13: malformed record (The following invalid GT allele index was encountered "
                + "in the file: B\\r\\x170\\x14\uFFFD)");
        assertThat(clean.lines().count()).isEqualTo(1);
    }

    @Test
    void lineBreaksEscapeCharactersAndUnicodeSeparatorsAreEscapedTabsKept() {
        assertThat(Messages.clean("a\nb\u001Bc\u2028d\u0085e\tf")).isEqualTo("a\\nb\\x1Bc\\u2028d\\x85e\tf");
    }

    @Test
    void anIoFailureOnAFileWithANewlineInItsNameStaysOneLine() {
        String text = Messages.describe(new java.nio.file.NoSuchFileException("out/a\nb.bed"));
        assertThat(text).isEqualTo("out/a\\nb.bed: file or directory not found");
    }
}
