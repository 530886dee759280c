package io.mdfe.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.service.common.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted embedder serves the model it served before (LoadModel or hot reload), not its initial bundle,
 * and falls back to the initial bundle when that model is gone. Restarts are new {@link EmbedderRuntime}s on
 * the same state directory, started as Quarkus starts them.
 */
class EmbedderRestartTest {

    @TempDir
    static Path work;
    private static Path v1;
    private static Path v2;

    @BeforeAll
    static void bundles() throws Exception {
        v1 = TestBundles.write(work.resolve("bundles/v1"), "v1", 1);
        v2 = TestBundles.write(work.resolve("bundles/v2"), "v2", 2);
    }

    @Test
    void servesTheModelLoadedBeforeTheRestartThenFallsBackWhenItIsGone() throws Exception {
        Path state = work.resolve("state");
        try (Started first = Started.on(state)) {
            assertEquals("v1", first.servedVersion(), "a fresh instance serves its initial bundle");
            first.runtime.loader().load(v2.toUri().toString()).join();
            assertEquals("v2", first.servedVersion());
        }
        try (Started second = Started.on(state)) {
            assertEquals("v2", second.servedVersion(), "the restart serves what was served before it");
        }

        AtomicFiles.deleteRecursively(v2);
        try (LogCapture log = LogCapture.of(EmbedderRuntime.class); Started third = Started.on(state)) {
            assertEquals("v1", third.servedVersion(), "the initial bundle when the recorded one is gone");
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("demo/v2") && w.contains("initial bundle")),
                    log.warnings().toString());
        }
        try (Started fourth = Started.on(state)) {
            assertEquals("v1", fourth.servedVersion(), "the fallback is recorded too");
        }
    }

    @Test
    void aCorruptRecordIsMovedAsideAndTheInitialBundleServed() throws Exception {
        Path state = Files.createDirectories(work.resolve("corrupt-state"));
        Path record = Files.writeString(state.resolve("served-model.json"), "{\"formatVersion\": 1, \"bundleUri\": ");
        try (LogCapture log = LogCapture.of(CorruptFiles.class); Started started = Started.on(state)) {
            assertEquals("v1", started.servedVersion());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains(record.toString())), log.warnings().toString());
        }
        try (var files = Files.list(state)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("served-model.json.corrupt-")));
        }
    }

    @Test
    void theConsumerGroupIsNamedAfterAStableInstanceIdThatDefaultsToTheHostName() {
        ConfigSource source = new InstanceIdConfigSource();
        String id = source.getValue(InstanceIdConfigSource.KEY);
        assertEquals(InstanceIdConfigSource.hostName(), id);
        assertEquals(id, new InstanceIdConfigSource().getValue(InstanceIdConfigSource.KEY), "the same at every start");
        assertFalse(id.isBlank());
        assertTrue(source.getOrdinal() < 250, "application.properties and the environment override it");
    }

    /** One start of the runtime, closed like the application closes it. */
    private record Started(EmbedderRuntime runtime) implements AutoCloseable {

        static Started on(Path state) {
            EmbedderRuntime runtime = new EmbedderRuntime(config(state), new SimpleMeterRegistry());
            runtime.loadInitialBundle(new StartupEvent());
            return new Started(runtime);
        }

        String servedVersion() {
            return runtime.slot().peek().orElseThrow().version();
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    /** The service's own config mapping, so keys added later with defaults need no change here. */
    private static EmbedderConfig config(Path state) {
        Map<String, String> values = Map.of(
                "mdfe.embedder.initial-bundle", v1.toUri().toString(),
                "mdfe.embedder.model-dir", work.resolve("models").toString(),
                "mdfe.embedder.state-dir", state.toString(),
                "mdfe.embedder.instance-id", "test-0",
                "mdfe.embedder.allowed-image-root", work.toString());
        return new SmallRyeConfigBuilder().withMapping(EmbedderConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "restart-test", 500)).build()
                .getConfigMapping(EmbedderConfig.class);
    }
}
