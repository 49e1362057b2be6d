package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.cli.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same configuration written in both formats gives the same pipeline, instance by instance and value by value. */
class YamlClassicEquivalenceTest {

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>(Map.of("HOME", "/home/me", "ENV_PORT", "9100"));
    private final List<String> warnings = new ArrayList<>();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private List<String> load(String name, String text, String... args) throws Exception {
        Path file = write(name, text);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-c");
        all.add(file.toString());
        PipelineConfig config = new ConfigLoader(environment, "box", warnings::add)
                .read(CommandLine.parse(all.toArray(String[]::new)), new CatalogWithGrep());
        return PipelineDescription.of(config);
    }

    @Test
    void theSpecExamplePairIsEquivalent() throws Exception {
        List<String> classic = load("c/fluent-bit.conf", """
                @SET OUT_HOST=127.0.0.1
                [SERVICE]
                    Flush      1
                    Hot_Reload on
                [INPUT]
                    Name tcp
                    Tag  app
                [FILTER]
                    Name  grep
                    Match app*
                    Regex log ^err
                [OUTPUT]
                    Name   websocket
                    Match  *
                    Host   ${OUT_HOST}
                    Header X-A 1
                    Header X-B two words
                """);
        List<String> yaml = load("y/fluent-bit.yaml", """
                env:
                  OUT_HOST: 127.0.0.1
                service:
                  flush: 1
                  hot_reload: on
                pipeline:
                  inputs:
                    - name: tcp
                      tag: app
                  filters:
                    - name: grep
                      match: 'app*'
                      regex: log ^err
                  outputs:
                    - name: websocket
                      match: '*'
                      host: ${OUT_HOST}
                      header:
                        - X-A 1
                        - X-B two words
                """);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).contains("input tcp tcp.0 tag=app mem_buf_limit=0 log_level=null routable=true "
                        + "storage=MEMORY pause=false",
                "filter grep grep.0 match=app* match_regex=null log_level=null", "  value regex=[log ^err]",
                "  value host=[127.0.0.1]", "  value header=[X-A 1, X-B two words]");
        assertThat(warnings).isEmpty();
    }

    @Test
    void includesExpandInPlaceInBothFormats() throws Exception {
        write("c/sub/in.conf", "@INCLUDE sub/more.conf\n[INPUT]\n    Name cpu\n    Tag in\n");
        write("c/sub/more.conf", "[INPUT]\n    Name tcp\n    Tag more\n");
        write("c/outputs/b.conf", "[OUTPUT]\n    Name websocket\n    Match b\n");
        write("c/outputs/a.conf", "[OUTPUT]\n    Name stdout\n    Match a\n");
        List<String> classic = load("c/main.conf", """
                [INPUT]
                    Name cpu
                    Tag first
                @INCLUDE sub/in.conf
                [INPUT]
                    Name tcp
                    Tag last
                @INCLUDE outputs/*.conf
                """);
        write("y/sub/in.yaml", "includes: [more.yaml]\npipeline:\n  inputs:\n    - name: cpu\n      tag: in\n");
        write("y/sub/more.yaml", "pipeline:\n  inputs:\n    - name: tcp\n      tag: more\n");
        write("y/outputs/b.yaml", "pipeline:\n  outputs:\n    - name: websocket\n      match: b\n");
        write("y/outputs/a.yaml", "pipeline:\n  outputs:\n    - name: stdout\n      match: a\n");
        List<String> yaml = load("y/main.yaml", """
                pipeline:
                  inputs:
                    - name: cpu
                      tag: first
                includes:
                  - sub/in.yaml
                pipeline:
                  inputs:
                    - name: tcp
                      tag: last
                includes:
                  - outputs/*.yaml
                """);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).filteredOn(l -> l.startsWith("input ") || l.startsWith("output "))
                .extracting(l -> l.split(" ")[2] + " " + l.split(" ")[3])
                .containsExactly("cpu.0 tag=first", "tcp.1 tag=more", "cpu.2 tag=in", "tcp.3 tag=last",
                        "stdout.0 match=a", "websocket.1 match=b");
    }

    @Test
    void variablesFromEveryEnvFormAreTheSetVariablesOfClassic() throws Exception {
        write("secret.txt", "s3cr3t\n");
        List<String> classic = load("c.conf", """
                @SET HOST_A=10.0.0.1
                @SET PORT_B=81
                @SET SHORT=/short
                @SET FROM_FILE=s3cr3t
                [INPUT]
                    Name tcp
                    Port ${ENV_PORT}
                    Tag ${HOME}.${HOSTNAME}
                [OUTPUT]
                    Name websocket
                    Match *
                    Host ${HOST_A}
                    Port ${PORT_B}
                    Uri ${SHORT}${MISSING:-/default}
                    Header Authorization ${FROM_FILE}
                """);
        List<String> yaml = load("y.yaml", """
                pipeline:
                  inputs:
                    - name: tcp
                      port: ${ENV_PORT}
                      tag: ${HOME}.${HOSTNAME}
                  outputs:
                    - name: websocket
                      match: '*'
                      host: ${HOST_A}
                      port: ${PORT_B}
                      uri: ${SHORT}${MISSING:-/default}
                      header: Authorization ${FROM_FILE}
                env:
                  HOST_A: 10.0.0.1
                ---
                env:
                  - name: PORT_B
                    value: 81
                  - SHORT: /short
                  - Name: FROM_FILE
                    URI: file://%s
                """.formatted(dir.resolve("secret.txt")));

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).contains("input tcp tcp.0 tag=/home/me.box mem_buf_limit=0 log_level=null routable=true "
                + "storage=MEMORY pause=false", "  value port=[9100]", "  value port=[81]", "  value uri=[/short/default]",
                "  value header=[Authorization s3cr3t]");
    }

    @Test
    void repeatableKeysAsListsOrRepeatedKeysAndKeySpellings() throws Exception {
        List<String> classic = load("c.conf", """
                [SERVICE]
                    Log_Level debug
                    storage.path /tmp/sluice
                    scheduler.base 3
                [INPUT]
                    Name tcp
                    Mem_Buf_Limit 5M
                    storage.type filesystem
                    buffer_size 64K
                [OUTPUT]
                    Name websocket
                    Match *
                    Retry_Limit no_limits
                    Header X-A 1
                    Header X-B 2
                    Header X-C 3
                    net.keepalive off
                    idle_interval 1m
                """);
        List<String> yaml = load("y.yml", """
                service:
                  logLevel: debug
                  storage.path: /tmp/sluice
                  scheduler.base: 3
                pipeline:
                  inputs:
                    - Name: tcp
                      memBufLimit: 5M
                      storage.type: filesystem
                      bufferSize: 64K
                  outputs:
                    - name: websocket
                      Match: '*'
                      Retry_Limit: no_limits
                      header: [X-A 1, X-B 2]
                      header: X-C 3
                      net.keepalive: off
                      idleInterval: 1m
                """);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).contains("  value header=[X-A 1, X-B 2, X-C 3]", "  value buffer_size=[64000]",
                "  value idle_interval=[PT1M]");
        assertThat(yaml.get(0)).contains("logLevel=debug", "schedulerBase=3");
    }

    @Test
    void commandLineSectionsAndOptionsCombineWithAYamlFileAsWithAClassicOne() throws Exception {
        String[] args = {"-i", "cpu", "-t", "cli", "-o", "stdout", "-m", "cli", "-p", "format=json", "-f", "5",
            "-P", "2021"};
        List<String> classic = load("c.conf", """
                [SERVICE]
                    Flush 2
                [INPUT]
                    Name tcp
                [OUTPUT]
                    Name websocket
                    Match *
                """, args);
        List<String> yaml = load("y.YAML", """
                service:
                  flush: 2
                pipeline:
                  inputs: [{name: tcp}]
                  outputs: [{name: websocket, match: '*'}]
                """, args);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml.get(0)).contains("flushSeconds=2.0", "httpPort=2021");
        assertThat(yaml).filteredOn(l -> l.startsWith("input ") || l.startsWith("output "))
                .extracting(l -> l.split(" ")[2])
                .containsExactly("cpu.0", "tcp.1", "stdout.0", "websocket.1");
    }

    @Test
    void anchorsAliasesAndMergeKeysResolveToWhatClassicSpellsOut() throws Exception {
        List<String> classic = load("c.conf", """
                [INPUT]
                    Name tcp
                    Tag app
                    Port 5170
                [INPUT]
                    Name tcp
                    Tag app
                    Port 5171
                [OUTPUT]
                    Name websocket
                    Retry_Limit 3
                    Match app
                    Port 81
                [OUTPUT]
                    Name websocket
                    Retry_Limit 3
                    Host h2
                    Match app
                    Port 82
                """);
        List<String> yaml = load("y.yaml", """
                extensions:
                  output_defaults: &out
                    name: websocket
                    retry_limit: 3
                pipeline:
                  inputs:
                    - &tcp {name: tcp, tag: &tag app, port: 5170}
                    - <<: *tcp
                      port: 5171
                  outputs:
                    - <<: *out
                      match: *tag
                      port: 81
                    - <<: [*out, {port: 1, host: h2}]
                      match: *tag
                      port: 82
                """);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).contains("  value host=[h2]", "  value port=[82]");
    }

    @Test
    void severalPipelinesAndDocumentsMergeGroupedByType() throws Exception {
        List<String> classic = load("c.conf", """
                [OUTPUT]
                    Name stdout
                    Match one
                [INPUT]
                    Name cpu
                [FILTER]
                    Name grep
                    Match *
                    Exclude log x
                [INPUT]
                    Name tcp
                [OUTPUT]
                    Name websocket
                    Match two
                """);
        List<String> yaml = load("y.yaml", """
                pipeline:
                  outputs:
                    - name: stdout
                      match: one
                  inputs:
                    - name: cpu
                ---
                Pipeline:
                  Filters:
                    - name: grep
                      match: '*'
                      exclude: log x
                  INPUTS:
                    - name: tcp
                pipeline:
                  outputs:
                    - name: websocket
                      match: two
                """);

        assertThat(yaml).isEqualTo(classic);
        assertThat(yaml).filteredOn(l -> l.matches("(input|filter|output) .*")).extracting(l -> l.split(" ")[2])
                .containsExactly("cpu.0", "tcp.1", "grep.0", "stdout.0", "websocket.1");
    }
}
