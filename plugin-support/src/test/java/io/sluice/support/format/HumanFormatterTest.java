package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import org.junit.jupiter.api.Test;

class HumanFormatterTest {

    private static String human(EventChunk chunk) throws FormatException {
        ByteSink out = new ByteSink(64);
        new HumanFormatter().format(chunk, out);
        return out.toString();
    }

    @Test
    void specWorkedExampleOneLinePerEvent() throws FormatException {
        assertThat(human(SpecChunks.r1r2())).isEqualTo(
                "[0] tcp.0: [[1700000000.123456789, {}], {\"key 1\"=>123456789, \"key 2\"=>\"abcdefg\"}]\n"
                + "[1] tcp.0: [[1700000001.000000000, {}], {\"msg\"=>\"héllo \"x\"\n\", \"ratio\"=>0.500000,"
                + " \"count\"=>2.000000, \"ok\"=>true, \"none\"=>nil}]\n");
    }

    @Test
    void counterRestartsForEveryChunk() throws FormatException {
        HumanFormatter formatter = new HumanFormatter();
        ByteSink out = new ByteSink(64);

        formatter.format(SpecChunks.r1r2(), out);
        formatter.format(SpecChunks.r1r2(), out);

        assertThat(out.toString().split("\n")).filteredOn(line -> line.startsWith("["))
                .extracting(line -> line.substring(0, 3)).containsExactly("[0]", "[1]", "[0]", "[1]");
    }

    @Test
    void arraysBinaryExtAndMetadataPrintLikeMsgpackC() throws FormatException {
        EventBuffer b = new EventBuffer(64);
        b.writeArrayHeader(2);
        b.writeArrayHeader(2);
        b.writeLong(5);
        b.writeMapHeader(1);
        b.writeString("m");
        b.writeLong(-1);
        b.writeMapHeader(3);
        b.writeString("list");
        b.writeArrayHeader(2);
        b.writeDouble(-1.25);
        b.writeArrayHeader(0);
        b.writeString("bin");
        b.writeBinary(new byte[] {'a', '"', 0x00}, 0, 3);
        b.writeString("ext");
        b.write(new byte[] {(byte) 0xd4, 0x01, 'z'});

        assertThat(human(EventChunk.of("cpu.0", b.toByteArray(), 1))).isEqualTo(
                "[0] cpu.0: [[5.000000000, {\"m\"=>-1}], {\"list\"=>[-1.250000, []], \"bin\"=>\"a\\\"\\x00\","
                + " \"ext\"=>(ext: 1)\"z\"}]\n");
    }

    @Test
    void emptyChunkPrintsNothing() throws FormatException {
        assertThat(human(SpecChunks.chunk(new EventBuffer(16)))).isEmpty();
    }
}
