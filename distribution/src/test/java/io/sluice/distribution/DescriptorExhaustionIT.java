package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.SluiceProcess;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of file descriptors neither spins the tcp input nor kills it: it accepts again once some are free. */
class DescriptorExhaustionIT {

    @TempDir
    Path tmp;

    @Test
    void tcpInputWaitsOutDescriptorExhaustionAndRecovers() throws Exception {
        Path launcher = Files.writeString(tmp.resolve("sluice-90-fds"),
                "#!/bin/sh\nulimit -n 90\nexec '" + SluiceProcess.DIST.resolve("bin/sluice") + "' \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        try (SluiceProcess p = SluiceProcess.start(launcher, SluiceProcess.DIST, Map.of(),
                "-i", "tcp://127.0.0.1:0", "-o", "stdout", "-p", "format=json_lines", "-f", "0.2")) {
            int port = p.tcpPort();
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 150; i++) {
                    flood.add(new Socket("127.0.0.1", port));
                }
                p.awaitLog(l -> l.contains("cannot accept a connection"), Duration.ofSeconds(20));
                long cpuBefore = p.figures().cpuTicks();
                long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= until);
                assertThat(p.figures().cpuTicks() - cpuBefore).as("CPU ticks in 2 s out of descriptors").isLessThan(50);
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.getOutputStream().write("{\"after\":\"recovery\"}\n".getBytes(StandardCharsets.UTF_8));
                }
                return p.stdout().stream().anyMatch(l -> l.contains("\"after\":\"recovery\""));
            });
            assertThat(p.isAlive()).isTrue();
        }
    }
}
