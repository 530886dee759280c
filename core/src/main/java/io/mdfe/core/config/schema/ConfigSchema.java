package io.mdfe.core.config.schema;

import static io.mdfe.core.config.schema.ValueType.BOOL;
import static io.mdfe.core.config.schema.ValueType.FLOAT;
import static io.mdfe.core.config.schema.ValueType.FLOAT_LIST;
import static io.mdfe.core.config.schema.ValueType.INT;
import static io.mdfe.core.config.schema.ValueType.INT_LIST;
import static io.mdfe.core.config.schema.ValueType.STRING;
import static io.mdfe.core.config.schema.ValueType.STRING_LIST;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Every MDFE2 configuration key, with the upstream defaults: the single place defaults live.
 * Keys are listed section by section in the order upstream config files use; the typed records
 * in {@code io.mdfe.core.config} bind to these paths by name, and {@code configs/README.md} is
 * generated from this list.
 */
public final class ConfigSchema {

    private static final ConfigSchema MDFE2 = new ConfigSchema(mdfe2Keys());

    private final Map<String, ConfigKey> keys;
    private final Set<String> sections;

    private ConfigSchema(List<ConfigKey> keyList) {
        Map<String, ConfigKey> byPath = new LinkedHashMap<>();
        Set<String> sectionPaths = new LinkedHashSet<>();
        String previousSection = null;
        for (ConfigKey key : keyList) {
            if (byPath.put(key.path(), key) != null) {
                throw new IllegalArgumentException("duplicate key " + key.path());
            }
            // A section's keys must be contiguous so that toYaml() can write each section once.
            if (!key.section().equals(previousSection) && sectionPaths.contains(key.section())) {
                throw new IllegalArgumentException("keys of section " + key.section() + " are not contiguous");
            }
            previousSection = key.section();
            for (String section = key.section(); !section.isEmpty(); section = parentOf(section)) {
                sectionPaths.add(section);
            }
        }
        this.keys = Collections.unmodifiableMap(byPath);
        this.sections = Collections.unmodifiableSet(sectionPaths);
    }

    /** {@return the MDFE2 schema} */
    public static ConfigSchema mdfe2() {
        return MDFE2;
    }

    /**
     * A schema of other keys, for another YAML file read just as strictly (e.g. the CLI's
     * {@code configs/system.yaml}).
     *
     * @param keys every key, a section's keys next to each other
     * @return the schema
     */
    public static ConfigSchema of(List<ConfigKey> keys) {
        return new ConfigSchema(keys);
    }

    /** {@return every key, in schema order} */
    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    /** {@return the key with this exact path, if it exists} */
    public Optional<ConfigKey> find(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    /** {@return whether {@code path} is a section (e.g. MODEL or MODEL.HEAD) rather than a key} */
    public boolean isSection(String path) {
        return sections.contains(path);
    }

    /** {@return the closest known key or section to a mistyped path, or "" when none is close} */
    public String suggest(String path) {
        List<String> candidates = new ArrayList<>(keys.keySet());
        candidates.addAll(sections);
        return KeySuggester.closest(path, candidates).orElse("");
    }

    /** {@return a new mutable map of every key's default value, by path, in schema order} */
    public Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        keys.values().forEach(k -> values.put(k.path(), k.defaultValue()));
        return values;
    }

    private static String parentOf(String section) {
        int dot = section.lastIndexOf('.');
        return dot < 0 ? "" : section.substring(0, dot);
    }

    private static ConfigKey key(String path, ValueType type, Object defaultValue, String description,
                                 Constraint constraint) {
        return new ConfigKey(path, type, defaultValue, description, constraint, false);
    }

    /** A key that may be left unset ({@code None}), meaning its default. */
    private static ConfigKey optional(String path, ValueType type, Object defaultValue, String description,
                                      Constraint constraint) {
        return new ConfigKey(path, type, defaultValue, description, constraint, true);
    }

    private static List<ConfigKey> mdfe2Keys() {
        Constraint none = Constraint.NONE;
        Constraint positive = Range.atLeast(1);
        Constraint nonNegative = Range.atLeast(0);
        // Margins are angles in radians; pi/2 or more would push target logits below non-targets.
        Constraint marginRad = Range.closedOpen(0, Math.PI / 2);
        Constraint rgb = ListSize.of(0, 3);
        List<Integer> epochs1To10 = IntStream.rangeClosed(1, 10).boxed().toList();
        return List.of(
                key("SEED", INT, 42, "random seed for every random number generator of the run", nonNegative),

                optional("MODEL.name", STRING, "",
                        "model name: runs go to `<output dir>/<name>__<model id>`; empty = a name generated from the "
                                + "config (backbone, head, transform, optimizer, scheduler, warmup)", none),
                key("MODEL.embedding_dim", INT, 64, "size of the final embedding (neck output)", positive),
                key("MODEL.output_dir", STRING, "results",
                        "base directory for run outputs (checkpoints, config copy, results CSV, plots)", none),

                key("MODEL.BACKBONE.output_dim", INT, 1152,
                        "feature width of the backbone: the projection dim with proj_layer, else the "
                                + "transformer width; must match the loaded model", positive),
                key("MODEL.BACKBONE.freeze_backbone", BOOL, true,
                        "True = linear probing: only neck and head train", none),
                key("MODEL.BACKBONE.type", STRING, "siglip",
                        "foundation model family: clip, clip_convnext, clipav2, eva02, meta-clip, siglip, "
                                + "dinov2, sam, or demo-cnn (small CNN trained from scratch); checked by the "
                                + "backbone registry", none),
                optional("MODEL.BACKBONE.network_arch", STRING, "",
                        "encoder architecture label (e.g. ViT, ConvNeXt); informational", none),
                key("MODEL.BACKBONE.model_name", STRING, "vit_so400m_patch14_siglip_384",
                        "model name in the OpenCLIP / timm registry", none),
                optional("MODEL.BACKBONE.weights", STRING, "",
                        "pretrained weights tag (OpenCLIP); empty = the library's default", none),
                key("MODEL.BACKBONE.proj_layer", BOOL, false,
                        "keep the CLIP projection layer (output = projection dim) instead of dropping it "
                                + "(output = transformer width)", none),
                optional("MODEL.BACKBONE.model_dir", STRING, "",
                        "(MDFE-JVM extension) directory of exported TorchScript backbones; empty = env "
                                + "MDFE_MODEL_DIR, else ./models", none),

                key("MODEL.NECK.neck_type", STRING, "proj_layer",
                        "proj_layer = dropout then linear layer to embedding_dim; pooling = 1-D adaptive "
                                + "average pooling to embedding_dim", OneOf.of("proj_layer", "pooling")),
                key("MODEL.NECK.dropout", FLOAT, 0.2, "dropout probability before the proj_layer linear layer",
                        Range.closedOpen(0, 1)),
                key("MODEL.NECK.normalize", BOOL, true,
                        "(MDFE-JVM extension) L2-normalise the embedding at the end of the inference model "
                                + "(bundles, mdfe extract, the embedder service), so euclidean ranking equals "
                                + "cosine ranking; the margin heads see the raw embedding either way. False = "
                                + "upstream's unnormalised embedding (the upstream recipes set it)", none),

                key("MODEL.HEAD.name", STRING, "ArcFace",
                        "margin-based softmax head; sub-center = ArcFace with k > 1, CLAM = DynM-ArcFace "
                                + "with k > 1",
                        OneOf.of("ArcFace", "DynM-ArcFace", "AdaCos", "LiArcFace", "CurricularFace", "AdaFace")),
                key("MODEL.HEAD.k", INT, 1, "sub-centres per class", positive),
                key("MODEL.HEAD.s", FLOAT, 30.0, "logit scale", Range.above(0)),
                key("MODEL.HEAD.dynamic_s", BOOL, true, "AdaCos: adapt the scale s during training", none),
                key("MODEL.HEAD.m", FLOAT, 0.5, "additive angular margin in radians", marginRad),
                key("MODEL.HEAD.m_max", FLOAT, 0.5, "DynM-ArcFace: margin in radians of the rarest class",
                        marginRad),
                key("MODEL.HEAD.m_min", FLOAT, 0.2, "DynM-ArcFace: margin in radians of the most frequent class",
                        marginRad),
                key("MODEL.HEAD.h", FLOAT, 0.333, "AdaFace: margin scaler concentration", nonNegative),
                key("MODEL.HEAD.t_alpha", FLOAT, 1.0, "AdaFace: momentum of the feature-norm statistics",
                        Range.closed(0, 1)),

                optional("DATASET.root", STRING, "",
                        "data directory of `mdfe train` when no DATA_DIR is given (a DATA_DIR given wins, as "
                                + "upstream's `train.py CONFIG <data_dir>`); relative to the working directory", none),
                key("DATASET.names", STRING_LIST, List.of("m4d-35k"),
                        "training datasets, combined in order (labels offset by the classes before them): `<name>` = "
                                + "`<root>/<name>_train.csv`, `uned` = every domain under `<root>/info_files/`, "
                                + "`uned:<domain>` = one domain (any folder name; README: Your own benchmark)",
                        ListSize.nonEmpty()),
                optional("DATASET.cls_dist_file", STRING, "",
                        "DynM-ArcFace: samples-per-class file, created if missing; empty = derived from "
                                + "the dataset names", none),
                key("DATASET.max_image_pixels", INT, 64_000_000,
                        "images whose header declares more pixels (width x height) are skipped as unreadable "
                                + "before decoding (image bombs); not in upstream", positive),
                key("DATASET.multi_label", STRING, "error",
                        "(MDFE-JVM extension) UnED train items with several class ids: error = stop naming the "
                                + "item, skip = leave them out, first = train on their first class id",
                        OneOf.of("error", "skip", "first")),

                key("DATALOADER.batch_size", INT, 128, "training batch size in images", positive),
                key("DATALOADER.num_workers", INT, 8, "image loading threads", nonNegative),

                key("TRANSFORM.name", STRING, "openai-clip",
                        "training augmentation recipe (inference always resizes to size x size)",
                        OneOf.of("openai-clip", "openclip", "eva-clip", "siglip", "custom")),
                key("TRANSFORM.size", INT, 384, "input image side in pixels", positive),
                optional("TRANSFORM.mean", FLOAT_LIST, List.of(),
                        "per-channel RGB normalisation mean; empty = the backbone's", rgb),
                optional("TRANSFORM.std", FLOAT_LIST, List.of(),
                        "per-channel RGB normalisation std; empty = the backbone's", rgb.and(Range.above(0))),

                key("TRAIN.epoch_based", BOOL, true,
                        "True = train for epochs and save at save_epoch; False = train for iterations and "
                                + "save every save_iter", none),
                key("TRAIN.epochs", INT, 10, "training epochs (epoch_based)", positive),
                optional("TRAIN.iterations", INT, 0,
                        "training iterations; required (>= 1) when not epoch_based, else derived as "
                                + "batches_per_epoch * epochs (0)", nonNegative),
                key("TRAIN.save_epoch", INT_LIST, epochs1To10,
                        "epochs (1-based) after which the inference model is saved and evaluated", positive),
                optional("TRAIN.save_iter", INT, 0,
                        "save every this many iterations when not epoch_based; 0 = seen_img_save / batch_size",
                        nonNegative),
                key("TRAIN.seen_img_save", INT, 320000, "images seen between saves when not epoch_based",
                        positive),
                key("TRAIN.print_freq", INT, 500, "log the training loss every this many iterations", positive),
                key("TRAIN.device", STRING, "cuda:0", "compute device",
                        Matches.regex("cpu|cuda|cuda:\\d+", "cpu, cuda or cuda:N")),
                key("TRAIN.gpu_ids", INT_LIST, List.of(0, 1),
                        "GPUs used with data_parallel (or --data_parallelism), TRAIN.device first; empty = all visible"
                                + " GPUs", nonNegative),
                key("TRAIN.data_parallel", BOOL, false,
                        "split each batch over TRAIN.device and the GPUs of gpu_ids; one optimizer step on the"
                                + " shard-weighted gradients (README: GPU)", none),
                key("TRAIN.eval_metric", STRING, "euclidean",
                        "(MDFE-JVM extension) search distance of the evaluation at each save point, as "
                                + "`mdfe evaluate --metric` (cosine = angular)",
                        OneOf.of("euclidean", "angular", "cosine", "dot")),
                key("TRAIN.eval_protocol", STRING, "merged",
                        "(MDFE-JVM extension) protocol of the evaluation at each save point, as "
                                + "`mdfe evaluate --protocol`: merged = every val query against the union of the "
                                + "domains' index sets, separate = each domain against its own",
                        OneOf.of("merged", "separate")),

                key("LOSS.name", STRING, "CrossEntropyLoss", "training loss on the head's logits",
                        OneOf.of("CrossEntropyLoss")),

                key("OPTIMIZER.name", STRING, "Adam", "optimizer; SAM_* take two forward/backward passes per step",
                        OneOf.of("SGD", "Adam", "AdamW", "SAM_Adam", "SAM_AdamW")),
                key("OPTIMIZER.lr", FLOAT, 2e-3, "peak learning rate", Range.above(0)),
                key("OPTIMIZER.weight_decay", FLOAT, 1e-4, "weight decay (L2 penalty)", nonNegative),
                key("OPTIMIZER.momentum", FLOAT, 0.9, "SGD momentum", Range.closedOpen(0, 1)),

                key("SCHEDULER.epoch_based", BOOL, false,
                        "True = step the schedule per epoch, False = per iteration", none),
                key("SCHEDULER.name", STRING, "cosine", "learning-rate schedule (cosine annealing to min_lr)",
                        OneOf.of("cosine", "none")),
                key("SCHEDULER.warmup", STRING, "linear", "warmup multiplier on the scheduled learning rate",
                        OneOf.of("linear", "exponential", "none")),
                key("SCHEDULER.warmup_steps", INT, 1,
                        "warmup length: < 10 = that many epochs, else seen_img_warmup / batch_size iterations",
                        nonNegative),
                key("SCHEDULER.seen_img_warmup", INT, 160000, "images seen during warmup (warmup_steps >= 10)",
                        nonNegative),
                key("SCHEDULER.min_lr", FLOAT, 1e-3, "learning rate at the end of the cosine schedule",
                        nonNegative));
    }
}
