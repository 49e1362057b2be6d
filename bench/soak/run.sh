#!/bin/sh
# Soak run (not in CI): steady load through the real sluice launcher, tcp -> websocket, with the WebSocket server
# flapping periodically; samples the sluice process's RSS, threads and fds every 10 s; ends with sent / received /
# lost / duplicated counts, a CSV and a PNG plot of RSS under results/.
# Settings by environment: DURATION=600 (s) RATE=2000 (records/s) FLAP_EVERY=30 (s) FLAP_DOWN=3000 (ms) FLUSH=1
# SAMPLE_EVERY=10 (s) RESULTS=results. Quick check: DURATION=60 ./run.sh
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
. "$here/../distribution.sh"
echo "$(date -u '+%F %T') UTC, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -n 1)"
exec java -Xmx256m -Djava.awt.headless=true -cp "target/classes:target/lib/*" io.sluice.bench.soak.Soak --home "$home"
