package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.cli.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>(Map.of("HOME", "/home/me"));
    private final List<String> warnings = new ArrayList<>();

    PipelineConfig load(String... args) throws Exception {
        return new ConfigLoader(environment, "box", warnings::add).read(CommandLine.parse(args), new TestCatalog());
    }

    PipelineConfig loadFile(String text, String... args) throws Exception {
        Path file = Files.writeString(dir.resolve("sluice.conf"), text);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-c");
        all.add(file.toString());
        return load(all.toArray(String[]::new));
    }

    ConfigException error(String... args) {
        return catchThrowableOfType(ConfigException.class, () -> load(args));
    }

    ConfigException fileError(String text) {
        return catchThrowableOfType(ConfigException.class, () -> loadFile(text));
    }

    String file() {
        return dir.resolve("sluice.conf").toString();
    }

    @Test
    void seedCommandRoutesCpuToTheWebsocketUrl() throws Exception {
        PipelineConfig config = load("-i", "cpu", "-t", "cpu", "-o", "websocket://127.0.0.1:8080/something",
                "-m", "*");

        InputDefinition cpu = config.inputs().get(0);
        assertThat(cpu.instanceName()).isEqualTo("cpu.0");
        assertThat(cpu.tag()).isEqualTo("cpu");
        OutputDefinition ws = config.outputs().get(0);
        assertThat(ws.instanceName()).isEqualTo("websocket.0");
        assertThat(ws.match()).isEqualTo("*");
        assertThat(ws.config().getString("host")).isEqualTo("127.0.0.1");
        assertThat(ws.config().getInt("port", 0)).isEqualTo(8080);
        assertThat(ws.config().getString("uri")).isEqualTo("/something");
        assertThat(warnings).isEmpty();
    }

    @Test
    void inputUrlSetsListenAndPort() throws Exception {
        InputDefinition tcp = load("-i", "tcp://0.0.0.0:5170", "-o", "stdout").inputs().get(0);

        assertThat(tcp.instanceName()).isEqualTo("tcp.0");
        assertThat(tcp.config().getString("listen")).isEqualTo("0.0.0.0");
        assertThat(tcp.config().getInt("port", 0)).isEqualTo(5170);
    }

    @Test
    void ipv6HostIsWrittenInBrackets() throws Exception {
        OutputDefinition ws = load("-o", "websocket://[::1]:9000").outputs().get(0);

        assertThat(ws.config().getString("host")).isEqualTo("::1");
        assertThat(ws.config().getInt("port", 0)).isEqualTo(9000);
        assertThat(ws.config().isSet("uri")).isFalse();
    }

    @Test
    void urlWithoutPortKeepsThePluginDefault() throws Exception {
        OutputDefinition ws = load("-o", "websocket://example.org/x?y=1").outputs().get(0);

        assertThat(ws.config().getInt("port", 0)).isEqualTo(80);
        assertThat(ws.config().getString("uri")).isEqualTo("/x?y=1");
    }

    @Test
    void laterPropertiesOverrideUrlHostAndPortButTheUrlPathWinsOverUri() throws Exception {
        OutputDefinition ws = load("-o", "websocket://a:1/path", "-p", "host=b", "-p", "port=2", "-p", "uri=/other")
                .outputs().get(0);

        assertThat(ws.config().getString("host")).isEqualTo("b");
        assertThat(ws.config().getInt("port", 0)).isEqualTo(2);
        assertThat(ws.config().getString("uri")).isEqualTo("/path");
    }

    @Test
    void urlKeysThePluginDoesNotDeclareAreNotSet() throws Exception {
        InputDefinition cpu = load("-i", "cpu://localhost:1").inputs().get(0);

        assertThat(cpu.config().keys()).isEmpty();
    }

    @Test
    void urlWithAnEmptyHostIsAnUnknownPlugin() {
        assertThat(error("-o", "websocket://:80").userMessage()).isEqualTo("[config] error in command line: "
                + "key 'name': section 'websocket://:80' tried to instance a plugin name that doesn't exist");
    }

    @Test
    void urlFormWorksAsNameInFiles() throws Exception {
        OutputDefinition ws = loadFile("[OUTPUT]\n    Name websocket://10.0.0.1:81/ws\n    Match *\n")
                .outputs().get(0);

        assertThat(ws.config().getString("host")).isEqualTo("10.0.0.1");
        assertThat(ws.config().getString("uri")).isEqualTo("/ws");
    }

    @Test
    void inputIdsAreSharedAcrossPluginNames() throws Exception {
        PipelineConfig config = load("-i", "cpu", "-i", "tcp", "-o", "stdout", "-o", "websocket");

        assertThat(config.inputs()).extracting(InputDefinition::instanceName).containsExactly("cpu.0", "tcp.1");
        assertThat(config.inputs()).extracting(InputDefinition::tag).containsExactly("cpu.0", "tcp.1");
        assertThat(config.outputs()).extracting(OutputDefinition::instanceName)
                .containsExactly("stdout.0", "websocket.1");
    }

    @Test
    void commandLineSectionsComeBeforeTheFilesAndInputsBeforeOutputs() throws Exception {
        PipelineConfig config = loadFile("[OUTPUT]\n  Name stdout\n  Match *\n[INPUT]\n  Name tcp\n",
                "-o", "websocket", "-m", "*", "-i", "cpu");

        assertThat(config.inputs()).extracting(InputDefinition::instanceName).containsExactly("cpu.0", "tcp.1");
        assertThat(config.outputs()).extracting(OutputDefinition::instanceName)
                .containsExactly("websocket.0", "stdout.1");
    }

    @Test
    void loneInputAndOutputWithoutMatchGetMatchStar() throws Exception {
        assertThat(load("-i", "cpu", "-o", "stdout").outputs().get(0).match()).isEqualTo("*");
        assertThat(warnings).isEmpty();
    }

    @Test
    void outputWithoutMatchAmongSeveralGetsNoDataAndAWarning() throws Exception {
        PipelineConfig config = load("-i", "cpu", "-o", "stdout", "-o", "websocket", "-m", "cpu*");

        assertThat(config.outputs().get(0).match()).isNull();
        assertThat(warnings).containsExactly("[router] NO match for stdout.0 output instance");
    }

    @Test
    void matchRegexAloneCountsAsAMatch() throws Exception {
        OutputDefinition out = load("-i", "cpu", "-o", "stdout", "-p", "match_regex=^cpu").outputs().get(0);

        assertThat(out.match()).isNull();
        assertThat(out.matchRegex().pattern()).isEqualTo("^cpu");
    }

    @Test
    void badMatchRegexIsAnError() {
        assertThat(error("-o", "stdout", "-p", "match_regex=(").getMessage()).startsWith("invalid regular expression");
    }

    @Test
    void aliasReplacesTheInstanceNameButNotTheDefaultTag() throws Exception {
        PipelineConfig config = load("-i", "cpu", "-p", "alias=machine", "-o", "stdout", "-p", "alias=screen");

        assertThat(config.inputs().get(0).instanceName()).isEqualTo("machine");
        assertThat(config.inputs().get(0).tag()).isEqualTo("cpu.0");
        assertThat(config.outputs().get(0).instanceName()).isEqualTo("screen");
    }

    @Test
    void twoInstancesWithOneAliasAreAnError() {
        assertThat(error("-i", "cpu", "-p", "alias=a", "-i", "tcp", "-p", "alias=a").getMessage())
                .isEqualTo("instance name 'a' is used twice");
    }

    @Test
    void tagAfterAnOutputIsAnUnknownPropertyListingTheAllowedOnes() {
        ConfigException e = error("-i", "cpu", "-o", "stdout", "-t", "x");

        assertThat(e.userMessage()).isEqualTo("[config] error in command line: key 'tag': stdout: unknown "
                + "configuration property 'tag'. The following properties are allowed: format, json_date_key, "
                + "alias, log_level, match, match_regex, name, retry_limit, storage.total_limit_size, and workers.");
    }

    @Test
    void unknownKeyInAFileNamesFileLineAndKey() {
        ConfigException e = fileError("[INPUT]\n    Name cpu\n    Bogus 1\n");

        assertThat(e.userMessage()).startsWith("[config] error in " + file() + ":3: key 'bogus': cpu: unknown "
                + "configuration property 'bogus'. The following properties are allowed: interval_sec, pid, alias,");
    }

    @Test
    void singleValuedKeyGivenTwiceIsAnError() {
        ConfigException e = fileError("[OUTPUT]\n    Name stdout\n    Format json\n    Format json_lines\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file()
                + ":4: key 'format': stdout: configuration property 'format' is set 2 times");
    }

    @Test
    void multiValuedKeyAccumulatesInOrder() throws Exception {
        OutputDefinition ws = loadFile("[OUTPUT]\n    Name websocket\n    Header X-A 1\n    header X-B 2\n",
                "-o", "websocket", "-p", "header=X-C 3").outputs().get(1);

        assertThat(ws.config().getAll("header")).containsExactly("X-A 1", "X-B 2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tls=maybe|websocket: invalid value for boolean property: 'maybe' (use on/off)",
        "port=x80|websocket: invalid integer: 'x80'",
        "ratio=half|websocket: invalid number: 'half'",
        "idle_interval=soon|websocket: invalid time: 'soon' (e.g. 30, 30s, 5m, 1h)",
        "workers=many|websocket: invalid integer: 'many'"})
    void badValuesOfEachTypeAreErrorsNamingTheKey(String prop, String message) {
        ConfigException e = error("-o", "websocket", "-p", prop);

        assertThat(e.key()).isEqualTo(prop.substring(0, prop.indexOf('=')));
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void integerWithTrailingTextIsReadAsCAtoiDoes() throws Exception {
        OutputDefinition ws = load("-o", "websocket", "-p", "port=8080x").outputs().get(0);

        assertThat(ws.config().getInt("port", 0)).isEqualTo(8080);
    }

    @Test
    void badSizeAndChoiceAreErrors() {
        assertThat(error("-i", "tcp", "-p", "buffer_size=3X").getMessage())
                .isEqualTo("tcp: invalid size suffix in '3X' (use K, M or G)");
        assertThat(error("-i", "tcp", "-p", "format=xml").getMessage())
                .isEqualTo("tcp: invalid value 'xml', expected one of json, none");
        assertThat(error("-i", "tcp", "-p", "mem_buf_limit=lots").getMessage())
                .isEqualTo("tcp: invalid size: 'lots' (e.g. 512k, 5M, 1G)");
        assertThat(error("-i", "tcp", "-p", "storage.type=disk").getMessage())
                .isEqualTo("tcp: invalid value 'disk', expected one of memory, filesystem, memrb");
    }

    @Test
    void inputCommonKeysAreReadByCoreAndNotPassedToThePlugin() throws Exception {
        InputDefinition tcp = load("-i", "tcp", "-p", "mem_buf_limit=5M", "-p", "log_level=Warning",
                "-p", "routable=off", "-p", "threaded=on").inputs().get(0);

        assertThat(tcp.memBufLimit()).isEqualTo(5_000_000L);
        assertThat(tcp.logLevel()).isEqualTo("warn");
        assertThat(tcp.routable()).isFalse();
        assertThat(tcp.config().keys()).isEmpty();
    }

    @Test
    void nonMemoryStorageTypeIsAcceptedWithAWarning() throws Exception {
        load("-i", "tcp", "-p", "storage.type=filesystem");

        assertThat(warnings).singleElement().asString().contains("storage.type filesystem is not supported yet");
    }

    @ParameterizedTest
    @CsvSource({"3,3", "no_limits,-1", "False,-1", "off,-1", "no_retries,0"})
    void retryLimitWords(String value, int limit) throws Exception {
        assertThat(load("-o", "stdout", "-p", "retry_limit=" + value).outputs().get(0).retryLimit()).isEqualTo(limit);
        assertThat(warnings).noneMatch(w -> w.contains("retry_limit"));
    }

    @ParameterizedTest
    @CsvSource({"0", "-2", "junk"})
    void badRetryLimitWarnsAndMeansOne(String value) throws Exception {
        assertThat(load("-o", "stdout", "-p", "retry_limit=" + value).outputs().get(0).retryLimit()).isEqualTo(1);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("invalid retry_limit '" + value + "'"));
    }

    @Test
    void retryLimitDefaultsToOne() throws Exception {
        assertThat(load("-o", "stdout").outputs().get(0).retryLimit()).isEqualTo(1);
    }

    @Test
    void workersDefaultToThePluginsChoiceAndAtLeastOne() throws Exception {
        PipelineConfig config = load("-o", "websocket", "-o", "stdout", "-o", "websocket", "-p", "workers=3");

        assertThat(config.outputs()).extracting(OutputDefinition::workers).containsExactly(1, 1, 3);
    }

    @Test
    void unknownPluginNamesTheSection() {
        assertThat(fileError("[INPUT]\n    Name nope\n").userMessage()).isEqualTo("[config] error in " + file()
                + ":2: key 'name': section 'nope' tried to instance a plugin name that doesn't exist");
        assertThat(error("-F", "grep").getMessage())
                .isEqualTo("section 'grep' tried to instance a plugin name that doesn't exist");
    }

    @Test
    void missingNameIsAnError() {
        assertThat(fileError("[OUTPUT]\n    Match *\n").userMessage()).isEqualTo("[config] error in " + file()
                + ":1: key 'name': section 'output' is missing the 'name' property");
    }

    @Test
    void variablesExpandInFileAndCommandLineValues() throws Exception {
        environment.put("WS_PORT", "9001");
        PipelineConfig config = loadFile("@SET in_port=5171\n[INPUT]\n    Name tcp\n    Port ${in_port}\n"
                + "    Tag ${HOME}\n", "-o", "websocket", "-p", "port=${WS_PORT}", "-p", "uri=${URI:-/default}");

        assertThat(config.inputs().get(0).config().getInt("port", 0)).isEqualTo(5171);
        assertThat(config.inputs().get(0).tag()).isEqualTo("/home/me");
        assertThat(config.outputs().get(0).config().getInt("port", 0)).isEqualTo(9001);
        assertThat(config.outputs().get(0).config().getString("uri")).isEqualTo("/default");
    }

    @Test
    void valueThatExpandsToNothingCountsAsNotSet() throws Exception {
        InputDefinition tcp = load("-i", "tcp", "-p", "port=${UNSET}", "-o", "stdout").inputs().get(0);

        assertThat(tcp.config().isSet("port")).isFalse();
        assertThat(warnings).contains("[env] variable ${UNSET} is used but not set");
    }

    @Test
    void variablesAlsoExpandInNames() throws Exception {
        environment.put("OUT", "stdout");

        assertThat(loadFile("[OUTPUT]\n  Name ${OUT}\n  Match *\n").outputs().get(0).plugin().name())
                .isEqualTo("stdout");
    }

    @Test
    void serviceDefaultsWithoutAnyConfiguration() throws Exception {
        PipelineConfig config = load();

        assertThat(config.service()).isEqualTo(ServiceSettings.defaults());
        assertThat(config.inputs()).isEmpty();
        assertThat(config.outputs()).isEmpty();
    }

    @Test
    void commandLineServiceOptionsApply() throws Exception {
        ServiceSettings service = load("-f", "0.5", "-H", "-P", "2021", "-L", "127.0.0.1", "-l", "x.log",
                "-b", "/tmp/buf", "-vv").service();

        assertThat(service.flushSeconds()).isEqualTo(0.5);
        assertThat(service.httpServer()).isTrue();
        assertThat(service.httpPort()).isEqualTo(2021);
        assertThat(service.httpListen()).isEqualTo("127.0.0.1");
        assertThat(service.logFile()).isEqualTo(Path.of("x.log"));
        assertThat(service.storagePath()).isEqualTo(Path.of("/tmp/buf"));
        assertThat(service.logLevel()).isEqualTo("trace");
    }

    @Test
    void fileServiceValuesWinOverTheCommandLine() throws Exception {
        ServiceSettings service = loadFile("[SERVICE]\n    Flush 1\n    Log_Level error\n    HTTP_Port 3000\n",
                "-f", "5", "-v", "-P", "2021").service();

        assertThat(service.flushSeconds()).isEqualTo(1.0);
        assertThat(service.logLevel()).isEqualTo("error");
        assertThat(service.httpPort()).isEqualTo(3000);
    }

    @Test
    void environmentLogLevelBeatsFileAndCommandLine() throws Exception {
        environment.put("FLB_LOG_LEVEL", "debug");

        assertThat(loadFile("[SERVICE]\n    Log_Level error\n", "-q").service().logLevel()).isEqualTo("debug");
        environment.put("SLUICE_LOG_LEVEL", "trace");
        assertThat(loadFile("[SERVICE]\n    Log_Level error\n", "-q").service().logLevel()).isEqualTo("trace");
    }

    @Test
    void severalServiceSectionsMergeTheLaterValueWinning() throws Exception {
        ServiceSettings service = loadFile("[SERVICE]\n  Flush 2\n  Grace 10\n[SERVICE]\n  Flush 3\n"
                + "  Mem_Buf_Limit 64M\n  scheduler.base 2\n  scheduler.cap 30\n  json.escape_unicode off\n"
                + "  storage.keep.rejected on\n  coro_stack_size 24576\n").service();

        assertThat(service.flushSeconds()).isEqualTo(3.0);
        assertThat(service.graceSeconds()).isEqualTo(10);
        assertThat(service.memBufLimit()).isEqualTo(64_000_000L);
        assertThat(service.schedulerBase()).isEqualTo(2);
        assertThat(service.schedulerCap()).isEqualTo(30);
        assertThat(service.jsonEscapeUnicode()).isFalse();
        assertThat(service.storageKeepRejected()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void flushMustBePositive() {
        assertThat(fileError("[SERVICE]\n    Flush 0\n").userMessage())
                .isEqualTo("[config] error in " + file() + ":2: key 'flush': invalid flush value '0'");
        assertThat(catchThrowableOfType(ConfigException.class, () -> load("-f", "-1")).getMessage())
                .isEqualTo("invalid flush value '-1'");
    }

    @Test
    void serviceBooleansAreValidated() {
        assertThat(fileError("[SERVICE]\n    HTTP_Server maybe\n").userMessage()).isEqualTo("[config] error in "
                + file() + ":2: key 'http_server': invalid value for boolean property: 'maybe' (use on/off)");
    }

    @Test
    void badLogLevelIsAnError() {
        assertThat(fileError("[SERVICE]\n    Log_Level loud\n").getMessage())
                .isEqualTo("invalid log level 'loud', expected one of off, error, warn, info, debug, trace");
    }

    @Test
    void unknownServiceKeyIsIgnoredWithAWarning() throws Exception {
        loadFile("[SERVICE]\n    Colour blue\n");

        assertThat(warnings).singleElement().asString().contains("unknown [SERVICE] key 'colour'");
    }

    @Test
    void yamlFilesAreRefused() {
        assertThat(error("-c", "sluice.yaml").getMessage())
                .isEqualTo("YAML configuration is not supported; use the classic format");
    }

    @Test
    void missingConfigFileCannotBeOpened() {
        assertThat(error("-c", dir.resolve("none.conf").toString()).getMessage())
                .isEqualTo("could not open configuration file, aborting.");
    }

    @Test
    void configFileIsResolvedAgainstTheWorkdir() throws Exception {
        Files.writeString(dir.resolve("rel.conf"), "[INPUT]\n  Name cpu\n");

        assertThat(load("-w", dir.toString(), "-c", "rel.conf").inputs()).hasSize(1);
    }

    @Test
    void commandLineWarningsAreReported() throws Exception {
        load("-i", "cpu", "-m", "x");

        assertThat(warnings).singleElement().asString().contains("-m 'x' ignored");
    }
}
