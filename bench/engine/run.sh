#!/bin/sh
# Builds and runs the engine benchmark briefly (the machine is shared); extra arguments go to JMH,
# e.g. ./run.sh -p output=json_lines -prof gc
set -e
cd "$(dirname "$0")"
mvn -B -o -q package -DskipTests
exec java -cp "target/classes:target/lib/*" org.openjdk.jmh.Main EnginePipelineBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s "$@"
