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
        assertThat(ws.config().value("host")).isEqualTo("127.0.0.1");
        assertThat(ws.config().value("port")).isEqualTo(8080);
        assertThat(ws.config().value("uri")).isEqualTo("/something");
        assertThat(warnings).isEmpty();
    }

    @Test
    void theServiceSettingsDryRunPrintsAreTheOnesRead() throws Exception {
        Path store = dir.resolve("store");
        ServiceSettings service = loadFile("[SERVICE]\n  Flush 0.5\n  Grace 7\n  HTTP_Server on\n  HTTP_Port 2021\n"
                + "  Health_Check on\n  storage.path " + store + "\n  storage.sync full\n"
                + "  storage.keep.rejected on\n[INPUT]\n  Name cpu\n[OUTPUT]\n  Name stdout\n  Match *\n")
                .service();

        assertThat(service.describe()).containsExactly(
                "flush=0.5 grace=7 log_level=info scheduler.base=5 scheduler.cap=2000 mem_buf_limit=16000000"
                        + " hot_reload=off json.escape_unicode=on json.convert_nan_to_null=off",
                "http_server 0.0.0.0:2021 health_check=on hc_errors_count=5 hc_retry_failure_count=5 hc_period=60",
                "storage.path " + store + " storage.sync=full storage.max_chunks_up=128"
                        + " storage.backlog.mem_limit=100000000 storage.metrics=on"
                        + " storage.delete_irrecoverable_chunks=off storage.backlog.flush_on_shutdown=off"
                        + " storage.keep.rejected=on storage.rejected.path=rejected storage.rejected.limit=0");
    }

    @Test
    void inputUrlSetsListenAndPort() throws Exception {
        InputDefinition tcp = load("-i", "tcp://0.0.0.0:5170", "-o", "stdout").inputs().get(0);

        assertThat(tcp.instanceName()).isEqualTo("tcp.0");
        assertThat(tcp.config().value("listen")).isEqualTo("0.0.0.0");
        assertThat(tcp.config().value("port")).isEqualTo(5170);
    }

    @Test
    void ipv6HostIsWrittenInBrackets() throws Exception {
        OutputDefinition ws = load("-o", "websocket://[::1]:9000").outputs().get(0);

        assertThat(ws.config().value("host")).isEqualTo("::1");
        assertThat(ws.config().value("port")).isEqualTo(9000);
        assertThat(ws.config().isSet("uri")).isFalse();
    }

    @Test
    void urlWithoutPortKeepsThePluginDefault() throws Exception {
        OutputDefinition ws = load("-o", "websocket://example.org/x?y=1").outputs().get(0);

        assertThat(ws.config().value("port")).isEqualTo(80);
        assertThat(ws.config().value("uri")).isEqualTo("/x?y=1");
    }

    @Test
    void laterPropertiesOverrideUrlHostAndPortButTheUrlPathWinsOverUri() throws Exception {
        OutputDefinition ws = load("-o", "websocket://a:1/path", "-p", "host=b", "-p", "port=2", "-p", "uri=/other")
                .outputs().get(0);

        assertThat(ws.config().value("host")).isEqualTo("b");
        assertThat(ws.config().value("port")).isEqualTo(2);
        assertThat(ws.config().value("uri")).isEqualTo("/path");
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

        assertThat(ws.config().value("host")).isEqualTo("10.0.0.1");
        assertThat(ws.config().value("uri")).isEqualTo("/ws");
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
        assertThat(error("-o", "stdout", "-p", "match_regex=(").getMessage())
                .isEqualTo("stdout: invalid regular expression '(': Unclosed group near index 1 (Java regex syntax)");
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
                + "alias, log_level, match, match_regex, name, retry_limit, storage.overflow_action, storage.total_limit_size, and workers.");
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
                + ":4: key 'format': stdout: configuration property 'format' is set more than once (first at " + file()
                + ":3); it takes one value");
    }

    @Test
    void multiValuedKeyAccumulatesInOrder() throws Exception {
        OutputDefinition ws = loadFile("[OUTPUT]\n    Name websocket\n    Header X-A 1\n    header X-B 2\n",
                "-o", "websocket", "-p", "header=X-C 3").outputs().get(1);

        assertThat(ws.config().values("header")).containsExactly("X-A 1", "X-B 2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tls=maybe|websocket: invalid value for boolean property: 'maybe': expected on/off, true/false or yes/no",
        "port=x80|websocket: invalid value 'x80': expected a whole number from 1 to 65535",
        "port=51x70|websocket: invalid value '51x70': expected a whole number from 1 to 65535",
        "port=99999|websocket: invalid value '99999': expected a whole number from 1 to 65535",
        "ratio=half|websocket: invalid value 'half': expected a number such as 1 or 0.5",
        "idle_interval=soon|websocket: invalid time 'soon': expected whole seconds with an optional s, m, h or d "
                + "suffix, such as 30, 30s, 5m or 1h",
        "workers=many|websocket: invalid value 'many': expected a whole number from 1 to 64",
        "workers=0|websocket: invalid value '0': expected a whole number from 1 to 64",
        "workers=100000|websocket: invalid value '100000': expected a whole number from 1 to 64"})
    void badValuesOfEachTypeAreErrorsNamingTheKey(String prop, String message) {
        ConfigException e = error("-o", "websocket", "-p", prop);

        assertThat(e.key()).isEqualTo(prop.substring(0, prop.indexOf('=')));
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void integerWithTrailingTextIsAnErrorWithTheAcceptedRange() {
        ConfigException e = error("-o", "websocket", "-p", "port=8080x");

        assertThat(e.key()).isEqualTo("port");
        assertThat(e.getMessage()).isEqualTo("websocket: invalid value '8080x': expected a whole number from 1 to 65535");
    }

    @Test
    void aSecondTagIsAnErrorNamingBothLines() {
        ConfigException e = fileError("[INPUT]\n    Name tcp\n    Tag a\n    Tag b\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file() + ":4: key 'tag': tcp: configuration "
                + "property 'tag' is set more than once (first at " + file() + ":3); it takes one value");
    }

    @Test
    void badSizeAndChoiceAreErrors() {
        assertThat(error("-i", "tcp", "-p", "buffer_size=3X").getMessage())
                .isEqualTo("tcp: invalid size '3X': expected a size such as 512, 512k, 5M or 1.5G (K = 1000)");
        assertThat(error("-i", "tcp", "-p", "format=xml").getMessage())
                .isEqualTo("tcp: invalid value 'xml': expected one of json, none");
        assertThat(error("-i", "tcp", "-p", "mem_buf_limit=lots").getMessage())
                .isEqualTo("tcp: invalid size 'lots': expected a size such as 512, 512k, 5M or 1.5G (K = 1000)");
        assertThat(error("-i", "tcp", "-p", "storage.type=disk").getMessage())
                .isEqualTo("tcp: invalid value 'disk': expected one of memory, filesystem, memrb");
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
    void storageTypeIsReadAsDeclared() throws Exception {
        assertThat(load("-i", "tcp", "-p", "storage.type=memrb").inputs().get(0).storageType())
                .isEqualTo(StorageType.MEMRB);
        assertThat(load("-i", "tcp").inputs().get(0).storageType()).isEqualTo(StorageType.MEMORY);
    }

    @ParameterizedTest
    @CsvSource({"3,3", "no_limits,-1", "False,-1", "off,-1", "no_retries,0"})
    void retryLimitWords(String value, int limit) throws Exception {
        assertThat(load("-o", "stdout", "-p", "retry_limit=" + value).outputs().get(0).retryLimit()).isEqualTo(limit);
        assertThat(warnings).noneMatch(w -> w.contains("retry_limit"));
    }

    @ParameterizedTest
    @CsvSource({"0", "-2", "junk", "3x"})
    void badRetryLimitIsAnErrorSayingWhatIsAccepted(String value) {
        ConfigException e = error("-o", "stdout", "-p", "retry_limit=" + value);

        assertThat(e.key()).isEqualTo("retry_limit");
        assertThat(e.getMessage()).isEqualTo("invalid value '" + value + "': expected a whole number from 1 to "
                + "999999999, no_limits (or false/off) or no_retries");
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
                + ":2: key 'name': section 'nope' tried to instance a plugin name that doesn't exist: the input "
                + "plugins found are cpu, tcp (built in, and looked for in no plugin folder)");
        assertThat(error("-F", "grep").getMessage()).isEqualTo("section 'grep' tried to instance a plugin name that "
                + "doesn't exist: the filter plugins found are none (built in, and looked for in no plugin folder)");
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

        assertThat(config.inputs().get(0).config().value("port")).isEqualTo(5171);
        assertThat(config.inputs().get(0).tag()).isEqualTo("/home/me");
        assertThat(config.outputs().get(0).config().value("port")).isEqualTo(9001);
        assertThat(config.outputs().get(0).config().value("uri")).isEqualTo("/default");
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
    void severalServiceSectionsMerge() throws Exception {
        ServiceSettings service = loadFile("[SERVICE]\n  Flush 2\n  Grace 10\n[SERVICE]\n"
                + "  Mem_Buf_Limit 64M\n  scheduler.base 2\n  scheduler.cap 30\n  json.escape_unicode off\n"
                + "  storage.path /tmp/x\n  storage.keep.rejected on\n").service();

        assertThat(service.flushSeconds()).isEqualTo(2.0);
        assertThat(service.graceSeconds()).isEqualTo(10);
        assertThat(service.memBufLimit()).isEqualTo(64_000_000L);
        assertThat(service.schedulerBase()).isEqualTo(2);
        assertThat(service.schedulerCap()).isEqualTo(30);
        assertThat(service.jsonEscapeUnicode()).isFalse();
        assertThat(service.storage().keepRejected()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aServiceKeyGivenTwiceIsAnErrorNamingBothLines() {
        assertThat(fileError("[SERVICE]\n  Flush 2\n[SERVICE]\n  Flush 3\n").userMessage())
                .isEqualTo("[config] error in " + file() + ":4: key 'flush': 'flush' is set more than once (first at "
                        + file() + ":2); it takes one value");
    }

    @Test
    void keysWithoutMeaningOnTheJvmAreAcceptedWithALineSayingSo() throws Exception {
        loadFile("[SERVICE]\n  coro_stack_size 24576\n");

        assertThat(warnings).singleElement().asString().contains("'coro_stack_size' has no effect");
    }

    @Test
    void trimFilesAndTheReloadTimeoutAreAcceptedWithALineSayingTheyHaveNoEffect() throws Exception {
        loadFile("[SERVICE]\n  storage.trim_files on\n  hot_reload.timeout 30s\n");

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains(":2: 'storage.trim_files' has no effect");
        assertThat(warnings.get(1)).contains(":3: 'hot_reload.timeout' has no effect");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "storage.trim_files maybe | boolean",
        "hot_reload.timeout soon | invalid time 'soon'",
        "hot_reload.ensure_thread_safety 2 | boolean",
        "coro_stack_size big | invalid size",
        "windows.maxstdio 0 | from 1",
        "http2 sure | boolean",
    })
    void aKeyWithoutEffectStillHasItsValueChecked(String line, String message) {
        String key = line.substring(0, line.indexOf(' '));
        assertThat(fileError("[SERVICE]\n  " + line + "\n").userMessage()).contains(":2: key '" + key + "'",
                message);
    }

    @Test
    void keysOfFeaturesSluiceLacksAreRefusedSayingWhy() {
        assertThat(fileError("[SERVICE]\n  Parsers_File /dev/zero\n").userMessage()).contains(":2: key "
                + "'parsers_file': 'parsers_file' is not supported: sluice has no parsers yet");
        assertThat(fileError("[SERVICE]\n  Daemon on\n").userMessage()).contains("sluice does not daemonize");
    }

    @Test
    void flushMustBePositive() {
        assertThat(fileError("[SERVICE]\n    Flush 0\n").userMessage())
                .startsWith("[config] error in " + file() + ":2: key 'flush': invalid flush value '0'");
        assertThat(catchThrowableOfType(ConfigException.class, () -> load("-f", "-1")).getMessage())
                .startsWith("invalid flush value '-1': expected a number of seconds greater than 0");
    }

    @Test
    void serviceBooleansAreValidated() {
        assertThat(fileError("[SERVICE]\n    HTTP_Server maybe\n").userMessage()).isEqualTo("[config] error in "
                + file() + ":2: key 'http_server': invalid value for boolean property: 'maybe': expected on/off, true/false or yes/no");
    }

    @Test
    void badLogLevelIsAnError() {
        assertThat(fileError("[SERVICE]\n    Log_Level loud\n").getMessage())
                .isEqualTo("invalid log level 'loud', expected one of off, error, warn, info, debug, trace");
    }

    @Test
    void unknownServiceKeyIsAnError() {
        assertThat(fileError("[SERVICE]\n    Colour blue\n").userMessage())
                .isEqualTo("[config] error in " + file() + ":2: key 'colour': unknown [SERVICE] key 'colour'");
    }

    @Test
    void filesystemStorageWithoutAPathIsAnErrorAtTheKey() {
        assertThat(fileError("[INPUT]\n    Name tcp\n    storage.type filesystem\n").userMessage())
                .isEqualTo("[config] error in " + file() + ":3: key 'storage.type': instance 'tcp.0' requested "
                        + "filesystem storage but no filesystem path was defined: set storage.path in [SERVICE] "
                        + "(or -b PATH)");
    }

    @Test
    void storageKeysAreReadWithFluentBitsDefaults() throws Exception {
        ServiceSettings defaults = loadFile("[SERVICE]\n    Flush 1\n").service();
        assertThat(defaults.storage().maxChunksUp()).isEqualTo(128);
        assertThat(defaults.storage().backlogMemLimit()).isEqualTo(100_000_000L);
        assertThat(defaults.storage().metrics()).isTrue();

        ServiceSettings set = loadFile("[SERVICE]\n    storage.path /tmp/q\n    storage.sync FULL\n"
                + "    storage.max_chunks_up 4\n    storage.backlog.mem_limit 5M\n    storage.type filesystem\n"
                + "    storage.inherit on\n[INPUT]\n    Name tcp\n").service();
        assertThat(set.storage().sync()).isEqualTo(io.sluice.core.storage.SyncMode.FULL);
        assertThat(set.storage().maxChunksUp()).isEqualTo(4);
        assertThat(set.storage().backlogMemLimit()).isEqualTo(5_000_000L);
        assertThat(loadFile("[SERVICE]\n    storage.path /tmp/q\n    storage.type filesystem\n"
                + "    storage.inherit on\n[INPUT]\n    Name tcp\n").inputs().get(0).storageType())
                .isEqualTo(StorageType.FILESYSTEM);
        assertThat(fileError("[SERVICE]\n    storage.sync sometimes\n").getMessage())
                .isEqualTo("invalid synchronization mode 'sometimes': expected normal or full");
    }

    @Test
    void yamlFilesAreReadAsYaml() throws Exception {
        Files.writeString(dir.resolve("sluice.yaml"), "pipeline:\n  inputs:\n    - name: cpu\n");

        assertThat(load("-c", dir.resolve("sluice.yaml").toString()).inputs()).hasSize(1);
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
