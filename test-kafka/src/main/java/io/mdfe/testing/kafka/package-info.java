/**
 * A real Kafka broker for tests without Docker: {@link io.mdfe.testing.kafka.EmbeddedKafkaBroker} runs a
 * single-node KRaft broker in the test JVM, and {@link io.mdfe.testing.kafka.KafkaBrokerResource} makes it
 * a Quarkus test resource that sets {@code kafka.bootstrap.servers}.
 */
package io.mdfe.testing.kafka;
