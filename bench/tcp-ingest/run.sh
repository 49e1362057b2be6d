#!/bin/sh
# Builds and runs the tcp ingestion benchmark: 1,000,000 records over 1 and over 64 connections.
# Needs sluice-input-tcp installed in ~/.m2 (mvn -B -o -q install -pl input-tcp from the repository root), and the
# plugin-api, plugin-support, plugin-testkit and core artifacts the build installs.
# TCP_JAR=path runs another build of the plugin (for before/after comparisons).
# BENCH_JVM_OPTS="-Dtcp.settings=workers=2" adds settings to the input's (comma-separated key=value).
# Extra arguments go to the benchmark: RECORDS CONNECTIONS... (default: 1000000 1 64).
set -e
cd "$(dirname "$0")"
mvn -B -o -q compile
M2="${M2_REPO:-$HOME/.m2/repository}"
CP="target/classes"
CP="$CP:${TCP_JAR:-$M2/io/sluice/sluice-input-tcp/2.0.0/sluice-input-tcp-2.0.0.jar}"
# plugin-api as core provides it; the testkit validates the configuration with core (which needs jackson-core and
# snakeyaml-engine) and logs through logback
for jar in io/sluice/sluice-plugin-api/2.0.0/sluice-plugin-api-2.0.0.jar \
           io/sluice/sluice-plugin-support/1.0.0/sluice-plugin-support-1.0.0.jar \
           io/sluice/sluice-plugin-testkit/2.0.0/sluice-plugin-testkit-2.0.0.jar \
           io/sluice/sluice-core/0.1.0/sluice-core-0.1.0.jar \
           com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
           org/snakeyaml/snakeyaml-engine/2.10/snakeyaml-engine-2.10.jar \
           org/msgpack/msgpack-core/0.9.8/msgpack-core-0.9.8.jar \
           org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
           ch/qos/logback/logback-classic/1.5.18/logback-classic-1.5.18.jar \
           ch/qos/logback/logback-core/1.5.18/logback-core-1.5.18.jar; do
  if [ ! -f "$M2/$jar" ]; then
    echo "run.sh: $M2/$jar is missing; build and install the repository first" >&2
    exit 1
  fi
  CP="$CP:$M2/$jar"
done
exec java -Xmx512m -Dlogback.configurationFile=bench-logback.xml ${BENCH_JVM_OPTS} -cp "$CP" \
  io.sluice.bench.TcpIngestBench "$@"
