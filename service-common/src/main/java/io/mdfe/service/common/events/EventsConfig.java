package io.mdfe.service.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service publishes through its outbox and consumes events ({@code mdfe.events.*}). */
@ConfigMapping(prefix = "mdfe.events")
public interface EventsConfig {

    /**
     * The outbox relay.
     *
     * @return its settings
     */
    Outbox outbox();

    /**
     * The event consumers.
     *
     * @return their settings
     */
    Consumer consumer();

    /** The relay that publishes the outbox. */
    interface Outbox {
        /**
         * How long the relay waits for the broker to acknowledge one event before it tries again (the channel's
         * own {@code delivery.timeout.ms} should be shorter).
         *
         * @return the timeout
         */
        @WithDefault("30s")
        Duration ackTimeout();

        /**
         * The first wait after a failed send; doubled per failure up to {@link #retryMax()}.
         *
         * @return the delay
         */
        @WithDefault("500ms")
        Duration retryInitial();

        /**
         * The longest wait between two send attempts while the broker is away.
         *
         * @return the delay
         */
        @WithDefault("10s")
        Duration retryMax();
    }

    /** The idempotent consumers. */
    interface Consumer {
        /**
         * How often an event whose handling fails transiently is tried before it goes to the dead-letter topic.
         *
         * @return attempts, at least 1
         */
        @WithDefault("4")
        int attempts();

        /**
         * The wait before the second attempt; doubled per attempt up to {@link #retryMax()}.
         *
         * @return the delay
         */
        @WithDefault("200ms")
        Duration retryInitial();

        /**
         * The longest wait between two attempts.
         *
         * @return the delay
         */
        @WithDefault("5s")
        Duration retryMax();

        /**
         * How many processed event ids each consumer remembers (the oldest are forgotten first); far more than
         * a topic's retained events of one service.
         *
         * @return the capacity
         */
        @WithDefault("10000")
        int processedIds();
    }
}
