package io.mdfe.eval.grpc;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.TrainConfig;
import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedDomains;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.index.IndexParamLimits;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.BundleException;
import io.mdfe.core.model.bundle.BundleManifest;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.job.EvaluationSpec;
import io.mdfe.eval.job.ModelKey;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import io.mdfe.service.common.IndexParamLimitsConfig;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.paths.ArtifactRoots;
import io.mdfe.service.common.paths.RootedPaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an {@link EvaluateRequest} into an {@link EvaluationSpec}, checking everything that can be checked
 * before queueing: the bundle (inside {@code mdfe.artifact-roots}) and its manifest, the data root (under the
 * allowed root); both after resolving symbolic links, PERMISSION_DENIED outside whether or not they exist; the
 * domains and their split files, the index backend and the metric. Checkpoint events go through the same
 * checks. Blocking: it reads the bundle manifest and the info files.
 */
@ApplicationScoped
public class EvaluationRequests {

    /** Index backend when the request names none: upstream's reference search. */
    public static final String DEFAULT_BACKEND = "exact";

    private static final String INDEX_LIMITS_PREFIX = "mdfe.eval.index-limits.";

    /**
     * A request that passed every check.
     *
     * @param spec what to run
     * @param model the checkpoint, from the bundle manifest
     */
    public record Validated(EvaluationSpec spec, ModelKey model) {
    }

    private final EvalServiceConfig config;
    private final IndexRegistry indexes;
    private final ArtifactRoots artifactRoots;
    private final RootedPaths dataRoots;
    private final IndexParamLimits indexLimits;

    EvaluationRequests(EvalServiceConfig config, IndexRegistry indexes, ArtifactRoots artifactRoots) {
        this.config = config;
        this.indexes = indexes;
        this.artifactRoots = artifactRoots;
        this.dataRoots = new RootedPaths("mdfe.eval.allowed-root", List.of(config.allowedRoot()));
        this.indexLimits = IndexParamLimitsConfig.limits(config.indexLimits(), INDEX_LIMITS_PREFIX);
    }

    /**
     * Checks a request and fills in its defaults (val split, merged protocol, every domain on disk, exact
     * search, euclidean distance, the configured UnED root).
     *
     * @throws ServiceException naming the field and the file, domain or split at fault
     */
    public Validated validate(EvaluateRequest request) {
        Path bundle = bundleDir(request.getBundleUri());
        BundleManifest manifest = manifest(bundle);
        Path dataRoot = dataRoot(request.getDataRoot());
        UnedSplit split = switch (request.getSplit()) {
            case SPLIT_UNSPECIFIED, SPLIT_VAL -> UnedSplit.VAL;
            case SPLIT_TEST -> UnedSplit.TEST;
            case UNRECOGNIZED -> throw ServiceException.invalidArgument("split: unknown value "
                    + request.getSplitValue());
        };
        UnedProtocol protocol = switch (request.getProtocol()) {
            case PROTOCOL_UNSPECIFIED, PROTOCOL_MERGED -> UnedProtocol.MERGED;
            case PROTOCOL_SEPARATE -> UnedProtocol.SEPARATE;
            case UNRECOGNIZED -> throw ServiceException.invalidArgument("protocol: unknown value "
                    + request.getProtocolValue());
        };
        checkDomains(dataRoot, split, protocol, request);
        String backend = request.getIndexBackend().isEmpty() ? DEFAULT_BACKEND : request.getIndexBackend();
        try {
            indexes.factory(backend);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument("index_backend: " + e.getMessage());
        }
        try {
            indexLimits.check("index_params", request.getIndexParamsMap());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument(e.getMessage());
        }
        String metric;
        try {
            metric = request.getMetric().isEmpty() ? Metric.EUCLIDEAN.id() : Metric.parse(request.getMetric()).id();
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument("metric: unknown value '" + request.getMetric()
                    + "'; allowed: "
                    + Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.joining(", ")) + ", "
                    + Metric.COSINE + " (= angular)");
        }
        EvaluationSpec spec = new EvaluationSpec(bundle, dataRoot, split, protocol, request.getDomainsList(), backend,
                request.getIndexParamsMap(), metric);
        return new Validated(spec, new ModelKey(manifest.modelId(), manifest.modelVersion()));
    }

    /**
     * The per-checkpoint evaluation a bundle's training config asks for: the val split, exact search, with the
     * distance {@code TRAIN.eval_metric} and the protocol {@code TRAIN.eval_protocol} of the bundle's
     * {@code config.yaml} (upstream's euclidean and merged unless the run chose others).
     *
     * @throws ServiceException naming bundle_uri when the bundle or its config cannot be read
     */
    public EvaluateRequest checkpointRequest(String bundleUri) {
        Path config = bundleDir(bundleUri).resolve(ModelBundle.CONFIG);
        TrainConfig train;
        try {
            train = ConfigLoader.load(config, List.of()).train();
        } catch (ConfigException e) {
            throw ServiceException.failedPrecondition("bundle_uri: " + e.getMessage());
        }
        return EvaluateRequest.newBuilder().setBundleUri(bundleUri).setSplit(Split.SPLIT_VAL)
                .setProtocol(train.evalProtocol().equals("separate") ? Protocol.PROTOCOL_SEPARATE : Protocol.PROTOCOL_MERGED)
                .setMetric(train.evalMetric()).setIndexBackend(DEFAULT_BACKEND).build();
    }

    private Path bundleDir(String uri) {
        if (uri.isBlank()) {
            throw ServiceException.invalidArgument("bundle_uri: required (a bundle directory path or file:// URI)");
        }
        Path path;
        try {
            if (uri.startsWith("file:")) {
                path = Path.of(URI.create(uri));
            } else if (uri.contains("://")) {
                throw ServiceException.invalidArgument("bundle_uri: only file:// URIs and paths are supported, got '"
                        + uri + "'");
            } else {
                path = Path.of(uri);
            }
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument("bundle_uri: '" + uri + "' is not a path or file:// URI: "
                    + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw ServiceException.invalidArgument("bundle_uri: '" + uri + "' must be absolute");
        }
        Path real = artifactRoots.confine("bundle_uri", path);
        if (!Files.isDirectory(real)) {
            throw ServiceException.failedPrecondition("bundle_uri: the bundle directory " + path
                    + " does not exist");
        }
        return real;
    }

    private static BundleManifest manifest(Path bundle) {
        Path file = bundle.resolve(ModelBundle.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw ServiceException.failedPrecondition("bundle_uri: " + file + " does not exist; " + bundle
                    + " is not a model bundle");
        }
        try {
            return ModelBundle.readManifest(bundle);
        } catch (BundleException e) {
            throw ServiceException.failedPrecondition("bundle_uri: " + e.getMessage());
        }
    }

    /** The data root's real path, refused unless it lies under the allowed root. */
    private Path dataRoot(String requested) {
        Path root;
        try {
            root = requested.isBlank() ? config.unedRoot() : Path.of(requested);
        } catch (InvalidPathException e) {
            throw ServiceException.invalidArgument("data_root: '" + requested + "' is not a path");
        }
        if (!root.isAbsolute()) {
            throw ServiceException.invalidArgument("data_root: '" + root + "' must be absolute");
        }
        Path real = dataRoots.confine("data_root", root);
        if (!Files.isDirectory(real)) {
            throw ServiceException.failedPrecondition("data_root: " + root + " does not exist");
        }
        if (!UnedDataset.isUnedRoot(real)) {
            throw ServiceException.failedPrecondition("data_root: " + root + " is not a UnED data root: "
                    + real.resolve(UnedDataset.INFO_DIR) + " is not a folder");
        }
        return real;
    }

    private static void checkDomains(Path dataRoot, UnedSplit split, UnedProtocol protocol, EvaluateRequest request) {
        for (String domain : request.getDomainsList()) {
            try {
                // any folder under info_files/ is a domain; a name that cannot be one is a bad argument
                UnedDomains.requireValidName(domain, "");
            } catch (DatasetException e) {
                throw ServiceException.invalidArgument("domains: " + e.getMessage());
            }
        }
        UnedDataset dataset;
        try {
            dataset = UnedDataset.open(dataRoot);
        } catch (DatasetException e) {
            throw ServiceException.failedPrecondition("data_root: " + e.getMessage());
        }
        for (String domain : request.getDomainsList()) {
            try {
                dataset.domain(domain);
            } catch (DatasetException e) {
                // the domains asked for are the field at fault, not the data root that lacks them
                throw ServiceException.failedPrecondition("domains: " + e.getMessage());
            }
        }
        try {
            // Reads every info file the run needs, so a missing split file fails the call.
            dataset.evaluation(split, protocol, request.getDomainsList());
        } catch (DatasetException e) {
            throw ServiceException.failedPrecondition("data_root: " + e.getMessage());
        }
    }
}
