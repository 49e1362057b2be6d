#!/bin/sh
# End-to-end benchmark: builds the sluice distribution if it is missing, builds this project, and runs every
# combination (json_lines/msgpack x Flush 1/0.2 x confirm_delivery on/off, plus extra headline runs), printing a
# table. Arguments go to the benchmark, e.g. ./run.sh --only json_lines-flush1-confirmOn --headline-runs 1
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
. "$here/../distribution.sh"
echo "distribution built $(date -u -r "$home/lib" '+%F %T') UTC; repository at $(git -C "$repo" log -1 --format='%h %s' | cut -c1-70)"
echo "$(date -u '+%F %T') UTC, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -n 1)"
exec java -Xms512m -Xmx1g -XX:+UseParallelGC -cp "target/classes:target/lib/*" io.sluice.bench.e2e.E2eBenchmark \
  --home "$home" "$@"
