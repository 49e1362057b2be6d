package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SuppressingLogTest {

    private static final java.util.concurrent.atomic.AtomicInteger TESTS = new java.util.concurrent.atomic.AtomicInteger();
    /** A logger per test: a window of one test may still end while the next runs. */
    private final Logger logger = (Logger) LoggerFactory.getLogger("suppressing-log-test-" + TESTS.incrementAndGet());
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Test
    void theFirstLineGoesOutAndTheRestOfTheWindowIsSummedUpOnATimerNamingThePeers() {
        SuppressingLog log = new SuppressingLog(logger, 1_000);

        log.warn("invalid_json", "tcp://10.0.0.1:5000", "invalid JSON from {}", "tcp://10.0.0.1:5000");
        log.warn("invalid_json", "tcp://10.0.0.2:5000", "invalid JSON from {}", "tcp://10.0.0.2:5000");
        log.warn("invalid_json", "tcp://10.0.0.3:5000", "invalid JSON from {}", "tcp://10.0.0.3:5000");

        assertThat(lines()).containsExactly("WARN invalid JSON from tcp://10.0.0.1:5000");
        // no further warning comes: the summary must arrive by itself when the window ends
        await().atMost(Duration.ofSeconds(10)).until(() -> lines().size() == 2);
        assertThat(lines().get(1)).isEqualTo("WARN 2 more like this in the last 1 s, from tcp://10.0.0.2:5000, "
                + "tcp://10.0.0.3:5000; the last: invalid JSON from tcp://10.0.0.3:5000");
    }

    @Test
    void kindsAreLimitedApartAndAQuietWindowEndsWithoutASummary() throws Exception {
        SuppressingLog log = new SuppressingLog(logger, 1_000);

        log.error("oversize", null, "record too large");
        log.warn("invalid_json", null, "invalid JSON");

        assertThat(lines()).containsExactly("ERROR record too large", "WARN invalid JSON");
        await().atMost(Duration.ofSeconds(10)).until(() -> !log.limiting("invalid_json"));
        log.warn("invalid_json", null, "invalid JSON again");

        assertThat(lines()).containsExactly("ERROR record too large", "WARN invalid JSON",
                "WARN invalid JSON again");
    }
}
