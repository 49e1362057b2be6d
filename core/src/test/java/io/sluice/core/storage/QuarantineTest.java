package io.sluice.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

    @TempDir
    Path root;

    @Test
    void anUnreadableFileMovesUnderCorruptAndItsStream() throws IOException {
        Path file = write("tail.0", "1-1.000000001.flb", "bad");

        Quarantine.Outcome out = new Quarantine(root, false, SyncMode.NORMAL).put("tail.0", file);

        assertThat(out).isEqualTo(new Quarantine.Outcome(Quarantine.Action.MOVED,
                root.resolve("corrupt/tail.0/1-1.000000001.flb")));
        assertThat(file).doesNotExist();
        assertThat(out.file()).hasContent("bad");
    }

    @Test
    void anEarlierQuarantinedFileOfTheSameNameIsNeverOverwritten() throws IOException {
        Quarantine q = new Quarantine(root, false, SyncMode.NORMAL);
        q.put("tail.0", write("tail.0", "c.flb", "first"));
        q.put("tail.0", write("tail.0", "c.flb", "second"));

        Quarantine.Outcome third = q.put("tail.0", write("tail.0", "c.flb", "third"));

        assertThat(root.resolve("corrupt/tail.0/c.flb")).hasContent("first");
        assertThat(root.resolve("corrupt/tail.0/c-1.flb")).hasContent("second");
        assertThat(third.file()).isEqualTo(root.resolve("corrupt/tail.0/c-2.flb")).hasContent("third");
    }

    @Test
    void withDeleteIrrecoverableChunksTheFileIsDeletedInstead() throws IOException {
        Path file = write("tail.0", "c.flb", "bad");

        Quarantine.Outcome out = new Quarantine(root, true, SyncMode.NORMAL).put("tail.0", file);

        assertThat(out.action()).isEqualTo(Quarantine.Action.DELETED);
        assertThat(file).doesNotExist();
        assertThat(root.resolve("corrupt")).doesNotExist();
    }

    @Test
    void fullModeSyncsTheNewDirectoriesAndBothEndsOfTheMove() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Path file = write("tail.0", "c.flb", "bad");

        new Quarantine(root, false, SyncMode.FULL, disk).put("tail.0", file);

        Path abs = root.toAbsolutePath();
        assertThat(disk.syncedDirectories()).containsExactly(abs, abs.resolve("corrupt"),
                abs.resolve("corrupt/tail.0"), abs.resolve("tail.0"));
    }

    @Test
    void aStreamNameThatIsAPathIsRefused() throws IOException {
        Path file = write("tail.0", "c.flb", "bad");
        Quarantine q = new Quarantine(root, false, SyncMode.NORMAL);

        assertThatThrownBy(() -> q.put("../x", file)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.put("..", file)).isInstanceOf(IllegalArgumentException.class);
        assertThat(file).exists();
    }

    @Test
    void theSuffixGoesBeforeTheExtension() {
        assertThat(Quarantine.suffixed("1-2.3.flb", 4)).isEqualTo("1-2.3-4.flb");
        assertThat(Quarantine.suffixed("noext", 1)).isEqualTo("noext-1");
        assertThat(Quarantine.suffixed(".hidden", 1)).isEqualTo(".hidden-1");
    }

    private Path write(String stream, String name, String content) throws IOException {
        Files.createDirectories(root.resolve(stream));
        return Files.writeString(root.resolve(stream).resolve(name), content);
    }
}
