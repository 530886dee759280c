/**
 * The single-node KRaft Kafka broker of a local MDFE system: {@link io.mdfe.kafka.broker.KafkaBroker}
 * (a library, also behind test-kafka's embedded test broker) and {@link io.mdfe.kafka.broker.KafkaBrokerMain},
 * which {@code mdfe up} runs as its own JVM on a data folder that survives restarts.
 */
package io.mdfe.kafka.broker;
