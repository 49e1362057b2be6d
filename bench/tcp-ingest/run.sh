#!/bin/sh
# Builds and runs the tcp ingestion benchmark: 1,000,000 records over 1 and over 64 connections.
# Needs sluice-input-tcp installed in ~/.m2 (mvn -o -q -pl input-tcp install -DskipTests from the repository root).
# TCP_JAR=path runs another build of the plugin (for before/after comparisons).
# Extra arguments go to the benchmark: RECORDS CONNECTIONS... (default: 1000000 1 64).
set -e
cd "$(dirname "$0")"
mvn -B -o -q compile
M2="${M2_REPO:-$HOME/.m2/repository}"
CP="target/classes"
CP="$CP:${TCP_JAR:-$M2/io/sluice/sluice-input-tcp/1.0.0/sluice-input-tcp-1.0.0.jar}"
for jar in io/sluice/sluice-plugin-api/1.0.0/sluice-plugin-api-1.0.0.jar \
           org/msgpack/msgpack-core/0.9.8/msgpack-core-0.9.8.jar \
           org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
           org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar; do
  CP="$CP:$M2/$jar"
done
exec java -Xmx512m ${BENCH_JVM_OPTS} -cp "$CP" io.sluice.bench.TcpIngestBench "$@"
