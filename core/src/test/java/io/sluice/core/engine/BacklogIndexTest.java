package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacklogIndexTest {

    private static List<Path> all(BacklogIndex index) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            files.add(index.file(i));
        }
        return files;
    }

    @Test
    void filesComeBackWithTheirNamesOldestFirstAcrossStreams() {
        BacklogIndex index = new BacklogIndex();
        int tcp = index.stream(Path.of("/s/tcp.0"));
        int cpu = index.stream(Path.of("/s/cpu.0"));
        index.add(tcp, "1796600388.076166551-1346-3.chunk");
        index.add(cpu, "1796600388.000000001-1346-1.chunk");
        index.add(tcp, "1796600387.999999999-77-12.chunk");
        index.add(cpu, "1796600390.500000000-1346-2.chunk");
        index.sort();

        assertThat(all(index)).containsExactly(
                Path.of("/s/tcp.0/1796600387.999999999-77-12.chunk"),
                Path.of("/s/cpu.0/1796600388.000000001-1346-1.chunk"),
                Path.of("/s/tcp.0/1796600388.076166551-1346-3.chunk"),
                Path.of("/s/cpu.0/1796600390.500000000-1346-2.chunk"));
    }

    @Test
    void chunksOfOneInputWithinTheSameMillisecondKeepTheirTimeAndSequenceOrder() {
        BacklogIndex index = new BacklogIndex();
        int tcp = index.stream(Path.of("/s/tcp.0"));
        List<String> names = new ArrayList<>();
        for (int seq = 0; seq < 50; seq++) {
            names.add(String.format("1796600388.0761665%02d-1-%d.chunk", seq, seq));
        }
        names.add("1796600388.076166599-1-60.chunk");
        names.add("1796600388.076166599-1-59.chunk");
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(n -> index.add(tcp, n));
        index.sort();

        List<String> expected = new ArrayList<>(names.subList(0, 50));
        expected.add("1796600388.076166599-1-59.chunk");
        expected.add("1796600388.076166599-1-60.chunk");
        assertThat(all(index).stream().map(p -> p.getFileName().toString()).toList()).isEqualTo(expected);
    }

    @Test
    void namesSluiceDidNotWriteAreKeptAsTheyAreAndComeFirst() {
        BacklogIndex index = new BacklogIndex();
        int tcp = index.stream(Path.of("/s/tcp.0"));
        index.add(tcp, "1796600388.076166551-1346-3.chunk");
        index.add(tcp, "18004-1597751841.447180882.flb");
        index.add(tcp, "01796600388.076166551-1346-3.chunk");
        index.sort();

        assertThat(all(index)).containsExactly(
                Path.of("/s/tcp.0/18004-1597751841.447180882.flb"),
                Path.of("/s/tcp.0/01796600388.076166551-1346-3.chunk"),
                Path.of("/s/tcp.0/1796600388.076166551-1346-3.chunk"));
    }

    @Test
    void anEmptyIndexSortsToNothing() {
        BacklogIndex index = new BacklogIndex();
        index.sort();

        assertThat(index.size()).isZero();
    }
}
