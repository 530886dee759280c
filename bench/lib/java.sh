# Shared by the bench/ scripts (source it): runs the benchmark mains in core's test classes.
# bench_java_classpath OUT_DIR: compiles core's tests quietly, prints the classpath for `java -cp`.
bench_java_classpath() {
  local out="$1"
  mkdir -p "$out"
  mvn -B -q -o -pl core test-compile >&2
  mvn -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/classpath.txt" >&2
  echo "core/target/test-classes:core/target/classes:$(cat "$out/classpath.txt")"
}
# bench_machine CLASSPATH: prints the CPU model, its vector flags and the JVM's preferred vector
# width (io.mdfe.bench.BenchMachine): the first line of every bench table. JAVA_OPTS (e.g. -XX:UseAVX=2)
# as the bench's own JVM gets them, so the line names the width that JVM ran at.
bench_machine() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} --add-modules jdk.incubator.vector -cp "$1" io.mdfe.bench.BenchMachine 2>/dev/null
}
