# Sourced by the benchmarks' run.sh: sets $repo and $home (the assembled distribution: $SLUICE_DIST when set, e.g. a
# private build elsewhere, else distribution/target/sluice, built if missing), and builds the calling benchmark
# project ($here) under its own lock.
repo=$(cd "$here/../.." && pwd -P)
home=${SLUICE_DIST:-$repo/distribution/target/sluice}
if [ ! -x "$home/bin/sluice" ]; then
  if [ -n "$SLUICE_DIST" ]; then
    echo "SLUICE_DIST=$SLUICE_DIST has no bin/sluice" >&2
    exit 1
  fi
  echo "building the sluice distribution (mvn package at $repo)..."
  (cd "$repo" && flock /tmp/sluice-build-all.lock mvn -B -q package -DskipTests)
fi
cd "$here"
flock "/tmp/sluice-build-bench-$(basename "$here").lock" mvn -B -q package -DskipTests
