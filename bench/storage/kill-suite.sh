#!/bin/sh
# The long form of the kill suite (distribution/src/test/java/io/sluice/distribution/storage/KillSuiteIT.java):
# tcp -> websocket with storage.type filesystem, sluice killed with SIGKILL KILLS times (default 20) per storage.sync
# mode at random moments (server up, down, slow) and restarted on the same storage.path; prints, per mode, the
# records counted before the kills, delivered, lost (must be 0) and duplicated.
# Needs the other modules installed in ~/.m2 (from the repository root: mvn -B -o -q install -DskipTests).
# Usage: bench/storage/kill-suite.sh [KILLS [SEED]]
set -e
cd "$(dirname "$0")/../.."
KILLS="${1:-20}"
SEED_OPT=
if [ -n "$2" ]; then
  SEED_OPT="-Dsluice.kills.seed=$2"
fi
mkdir -p distribution/target
rm -f distribution/target/kill-suite.txt
status=0
mvn -B -o verify -pl distribution -Dit.test=KillSuiteIT -Dsluice.kills="$KILLS" $SEED_OPT \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false > distribution/target/kill-suite-mvn.log 2>&1 || status=$?
if [ -f distribution/target/kill-suite.txt ]; then
  cat distribution/target/kill-suite.txt
fi
if [ "$status" -ne 0 ]; then
  grep -E "Tests run:|FAIL|ERROR" distribution/target/kill-suite-mvn.log | head -40
  echo "kill suite FAILED (maven log: distribution/target/kill-suite-mvn.log)"
fi
exit "$status"
