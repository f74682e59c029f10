package org.genosynth.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesetTest {
    @TempDir
    Path dir;

    private static void write(AtomicOutput out, Path target, String text) throws IOException {
        Files.writeString(out.temp(target), text);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void sleepPastTheClockTick() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void commitsWaitForPublishAndTheManifestComesLast() throws IOException {
        try (Fileset f = Fileset.open(false)) {
            try (AtomicOutput a = new AtomicOutput()) {
                write(a, dir.resolve("x.manifest.json"), "{}");
                a.commit();
            }
            sleepPastTheClockTick(); // the manifest's temporary file is now older than the .bed's
            try (AtomicOutput b = new AtomicOutput()) {
                write(b, dir.resolve("x.bed"), "bed");
                b.commit();
            }
            assertThat(names()).allMatch(n -> n.startsWith(".tmp-")).hasSize(2);
            // a later step of the run reads what an earlier one committed
            assertThat(Files.readString(Fileset.readable(dir.resolve("x.bed")))).isEqualTo("bed");
            f.publish();
        }
        assertThat(names()).containsExactly("x.bed", "x.manifest.json");
        FileTime bed = Files.getLastModifiedTime(dir.resolve("x.bed"));
        assertThat(Files.getLastModifiedTime(dir.resolve("x.manifest.json")).compareTo(bed)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aFailedRunLeavesNoFileAndNoDirectoryItCreated() throws IOException {
        try (Fileset f = Fileset.open(false)) {
            try (AtomicOutput a = new AtomicOutput()) {
                write(a, dir.resolve("new/sub/x.afreq"), "a");
                a.commit();
            }
            try (AtomicOutput b = new AtomicOutput()) {
                write(b, dir.resolve("new/sub/x.vmiss"), "b"); // not committed: the run failed here
            }
        }
        assertThat(names()).isEmpty();
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void anOutputThatIsAnInputIsRefusedThroughLinks() throws IOException {
        Path in = Files.writeString(dir.resolve("cohort.bed"), "real");
        Files.writeString(dir.resolve("cohort.bim"), "bim");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        try (Fileset f = Fileset.open(false); AtomicOutput a = new AtomicOutput()) {
            Fileset.input(dir.resolve("cohort")); // a PLINK prefix: .bed/.bim/.fam are inputs
            assertThatThrownBy(() -> a.temp(link.resolve("cohort.bim"))).isInstanceOf(InputException.class)
                    .hasMessageContaining("would overwrite the input").hasMessageContaining("cohort.bim");
            assertThatThrownBy(() -> Fileset.refuseOverwrite(dir.resolve("cohort").toString(), ".bed"))
                    .hasMessageContaining("would overwrite");
            assertThatThrownBy(() -> Fileset.refuseOverwrite("", ".bed")).hasMessageContaining("--out is empty");
        }
        assertThat(Files.readString(in)).isEqualTo("real");
    }

    @Test
    void aPipelineRemovesWhatItPublishedWhenItFails() throws IOException {
        try (Fileset f = Fileset.open(true)) {
            try (AtomicOutput a = new AtomicOutput()) {
                write(a, dir.resolve("steps/a.bed"), "a");
                a.commit();
            }
            assertThat(names()).containsExactly("steps/a.bed"); // published at once: a later step reads it
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void withoutARunCommitRenamesAtOnce() throws IOException {
        try (AtomicOutput a = new AtomicOutput()) {
            write(a, dir.resolve("x.txt"), "x");
            a.commit();
        }
        assertThat(names()).containsExactly("x.txt");
    }
}
