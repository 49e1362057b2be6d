#!/bin/sh
# Backlog start-up benchmark: 10,000 small chunk files under storage.path, then the real launcher; prints the time to
# the tcp input's "listening on" line (target: within 2 s), RSS, and the time until the whole backlog is delivered.
# Needs sluice-core installed in ~/.m2 and a built distribution (from the repository root:
#   mvn -B -o -q install -DskipTests   then   mvn -B -o -q package -pl distribution -DskipTests).
# SLUICE_DIST=dir runs another distribution folder. Arguments: FILES RECORDS_PER_FILE RECORD_BYTES (10000 10 200).
set -e
cd "$(dirname "$0")"
mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
DIST="${SLUICE_DIST:-../../distribution/target/sluice}"
exec java -Xmx512m ${BENCH_JVM_OPTS} -Dsluice.dist="$DIST" -cp "target/classes:$(cat target/classpath.txt)" \
  io.sluice.bench.storage.BacklogStartBench "$@"
