/** Benchmark mains run by the scripts under {@code bench/}; not unit tests. */
package io.mdfe.bench;
