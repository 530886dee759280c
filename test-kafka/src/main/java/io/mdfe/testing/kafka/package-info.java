/**
 * A real Kafka broker for tests without Docker: {@link io.mdfe.testing.kafka.EmbeddedKafkaBroker} runs a
 * single-node KRaft broker in the test JVM, and {@link io.mdfe.testing.kafka.KafkaBrokerResource} makes it
 * a Quarkus test resource that sets {@code kafka.bootstrap.servers}. A test talks to the service under test
 * through it as other services would: {@link io.mdfe.testing.kafka.TopicWriter} publishes records and
 * {@link io.mdfe.testing.kafka.TopicReader} reads what the service publishes.
 */
package io.mdfe.testing.kafka;
