#!/bin/sh
# Builds and runs the filter-chain benchmark briefly (the machine is shared); extra arguments go to JMH,
# e.g. ./run.sh chain -prof gc
# Needs sluice-filter-basic in ~/.m2: run `mvn -o -q install -pl plugin-api,plugin-support,filter-basic -DskipTests`
# at the repository root first.
set -e
cd "$(dirname "$0")"
mvn -B -o -q package -DskipTests
exec java -cp "target/classes:target/lib/*" org.openjdk.jmh.Main "$@"
