#!/bin/sh
# Builds and runs the formatter benchmark briefly (the machine is shared); extra arguments go to JMH,
# e.g. ./run.sh jsonLines -prof gc
set -e
cd "$(dirname "$0")"
mvn -B -o -q package -DskipTests
exec java -cp "target/classes:target/lib/*" org.openjdk.jmh.Main "$@"
