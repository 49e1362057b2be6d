#!/bin/sh
# End-to-end benchmark: builds the sluice distribution if it is missing (or uses $SLUICE_DIST), builds this project,
# and runs it, printing a table. Arguments go to the benchmark, e.g.
#   ./run.sh --only flush0.2-confirmOn --runs 3
#   ./run.sh --only flush0.2-confirmOn --runs 3 --java-home /usr/lib/jvm/temurin-25-jdk-amd64
#   BENCH_JVM_OPTS=-Xmx4g ./run.sh --records 5000000 ...   (the benchmark holds its records in memory: ~170 bytes each)
#   ./run.sh --only flush0.2-confirmOn --runs 3 --sut 'fluent-bit -i tcp -p listen=127.0.0.1 -p port={tcp_port} ...'
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
. "$here/../distribution.sh"
echo "distribution $home built $(date -u -r "$home/lib" '+%F %T') UTC; repository at $(git -C "$repo" log -1 --format='%h %s' 2>/dev/null | cut -c1-70)"
echo "$(date -u '+%F %T') UTC, $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), load: $(cut -d' ' -f1-3 /proc/loadavg); benchmark's java: $(java -version 2>&1 | head -n 1)"
exec java -Xms512m -Xmx1g -XX:+UseParallelGC ${BENCH_JVM_OPTS} -cp "target/classes:target/lib/*" io.sluice.bench.e2e.E2eBenchmark \
  --home "$home" "$@"
