package io.sluice.input.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.RecordingEmitter;
import io.sluice.testkit.TestInputContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** Starts a tcp input on 127.0.0.1 and a free port, connects clients to it, and cleans everything up. */
abstract class TcpInputFixture {

    final RecordingEmitter emitter = new RecordingEmitter();
    TestInputContext context;
    TcpInput input;
    private final List<AutoCloseable> clients = new ArrayList<>();

    TcpInput start(String... keyValues) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("listen", "127.0.0.1");
        settings.put("port", "0");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        context = new TestInputContext(new TcpInputPlugin(), settings, emitter);
        input = (TcpInput) new TcpInputPlugin().create(context);
        input.start();
        return input;
    }

    Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", input.boundPort());
        clients.add(s);
        return s;
    }

    <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String records(int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append("{\"seq\":").append(i).append(",\"msg\":\"record number ").append(i).append("\"}\n");
        }
        return sb.toString();
    }

    List<Long> sequence() {
        return emitter.bodies().stream().filter(b -> b.containsKey("seq")).map(b -> (Long) b.get("seq")).toList();
    }

    static List<Long> range(int from, int count) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            l.add(i);
        }
        return l;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (input != null) {
            input.stop();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("sluice-tcp.0") || t.getName().startsWith("sluice-tcp.0-"));
    }
}
