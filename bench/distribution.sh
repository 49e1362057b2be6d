# Sourced by the benchmarks' run.sh: sets $repo and $home (the assembled distribution), building it if missing, and
# builds the calling benchmark project ($here) under its own lock.
repo=$(cd "$here/../.." && pwd -P)
home=$repo/distribution/target/sluice
if [ ! -x "$home/bin/sluice" ]; then
  echo "building the sluice distribution (mvn package at $repo)..."
  (cd "$repo" && flock /tmp/sluice-build-all.lock mvn -B -q package -DskipTests)
fi
cd "$here"
flock "/tmp/sluice-build-bench-$(basename "$here").lock" mvn -B -q package -DskipTests
