package io.mdfe.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.BundleManifest;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mdfe bundle}: turns a config into an inference bundle without training. With a foundation
 * backbone and the pooling neck this is the upstream's zero-shot model; otherwise the trainable
 * parts start from their seeded initialisation.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Build an inference model bundle from a config without training (zero-shot).")
final class BundleCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "MDFE2 YAML config file.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Config overrides, e.g. MODEL.embedding_dim=128.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Bundle directory to write (must be empty or absent unless --force).")
    Path out;

    @Option(names = "--force", description = "Replace a non-empty --out directory (everything in it is deleted).")
    boolean force;

    @Option(names = "--model-id", description = "Model id recorded in the bundle (default: the config file name).")
    String modelId;

    @Option(names = "--backbone-storage", description = "copy or reference (default: reference for a frozen exported backbone, else copy).")
    BackboneStorage storage;

    @Override
    public Integer call() throws Exception {
        // before anything is built: a bundle replaces its directory whole, which must never delete user files
        AtomicFiles.requireEmptyOrAbsent(out, force, "--force");
        MdfeConfig cfg = ConfigLoader.load(config, overrides);
        Engine.getInstance().setRandomSeed(cfg.seed());
        String id = modelId != null ? modelId : config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            try {
                BackboneStorage chosen = storage != null ? storage
                        : network.backbone().referenceable() && cfg.model().backbone().freezeBackbone()
                        ? BackboneStorage.REFERENCE : BackboneStorage.COPY;
                BundleManifest m = ModelBundle.write(out, network, new ModelIds(id, "untrained"), cfg.toYaml(),
                        chosen, Provenance.current());
                System.out.printf("bundle %s: %s/%s + %s neck -> %d-d embeddings, %dpx input, backbone %s%n",
                        out, m.backbone().type(), m.backbone().modelName(), m.neckType(), m.embeddingDim(),
                        m.imageSize(), m.backboneStorage().name().toLowerCase(java.util.Locale.ROOT));
            } finally {
                network.backbone().close();
            }
        }
        return 0;
    }
}
