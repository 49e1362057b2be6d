package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Formatting must not create objects per record or field (hot path rule): measured with the thread's counter. */
class AllocationTest {

    private static final int RECORDS = 2_000;

    private static EventChunk chunk() {
        EventBuffer b = new EventBuffer(1 << 16);
        for (int i = 0; i < RECORDS; i++) {
            b.beginEvent(1700000000L + i, i * 1000);
            b.writeMapHeader(5);
            b.writeString("key 1");
            b.writeLong(123456789);
            b.writeString("msg");
            b.writeString("héllo \"x\" 😀 " + i);
            b.writeString("ratio");
            b.writeDouble(i / 7.0);
            b.writeString("nested");
            b.writeMapHeader(2);
            b.writeString("a");
            b.writeArrayHeader(2);
            b.writeBoolean(true);
            b.writeNil();
            b.writeString("a");
            b.writeLong(-i);
            b.writeString("level");
            b.writeString("info");
            b.endEvent();
        }
        return EventChunk.of("t", b.toByteArray(), RECORDS);
    }

    private static long allocatedBy(Runnable work) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static void formatTwice(EventFormatter formatter, EventChunk chunk, ByteSink out) {
        for (int i = 0; i < 2; i++) {
            out.clear();
            try {
                formatter.format(chunk, out);
            } catch (FormatException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void jsonFormatsAndHumanFormAllocateNothingPerRecord() throws FormatException {
        EventChunk chunk = chunk();
        ByteSink out = new ByteSink(1 << 20);
        for (Format format : new Format[] {Format.JSON_LINES, Format.JSON, Format.GELF}) {
            EventFormatter formatter = new EventFormatter(FormatOptions.of(format).withGelfKeys("msg",
                    "full_message", "host", "level", "timestamp"));
            formatTwice(formatter, chunk, out);

            long bytes = allocatedBy(() -> formatTwice(formatter, chunk, out));

            assertThat(bytes).as(format + " bytes allocated for " + 2 * RECORDS + " records").isLessThan(RECORDS);
        }
        HumanFormatter human = new HumanFormatter();
        human.format(chunk, out);
        long bytes = allocatedBy(() -> {
            try {
                out.clear();
                human.format(chunk, out);
            } catch (FormatException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(bytes).as("human form").isLessThan(RECORDS);
    }
}
