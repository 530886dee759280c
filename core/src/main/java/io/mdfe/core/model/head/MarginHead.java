package io.mdfe.core.model.head;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.mdfe.core.model.AutogradScalars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Base block of the margin-based softmax heads: holds the class centres W ((C*k) x d, parameter
 * {@code "weight"}, Xavier-uniform like {@code torch.nn.init.xavier_uniform_}) and turns
 * embeddings into scaled logits for a plain softmax cross-entropy loss.
 *
 * <p>Template method (after pytorch-metric-learning's large-margin softmax): the labels-aware
 * forward computes {@code logits = scale() * marginLogits(batch)} where the batch carries
 * {@code cos = clampCosine(max_k normalize(x) . normalize(W)^T)}. Subclasses override hooks only:
 * {@link #clampCosine}, {@link #updateState} (stateful heads, run without gradient before the
 * margin), {@link #marginLogits} and {@link #scale}. The label-less (inference) forward returns
 * {@code scale() * cos} without any margin and never changes state.
 *
 * <p>The labels-aware forward is the training forward (DJL only calls it from training), so
 * stateful heads update their state there. State is saved with the parameters through {@link
 * #saveState}/{@link #loadState}; stateful heads use block version {@link #STATEFUL_VERSION}.
 */
public abstract class MarginHead extends AbstractBlock {

    /** Block version of heads without state: the metadata is the input shapes. */
    protected static final byte STATELESS_VERSION = 1;

    /** Block version of stateful heads: the metadata is the input shapes, then the state. */
    protected static final byte STATEFUL_VERSION = 2;

    /** Smallest row norm divided by, as in {@code torch.nn.functional.normalize}. */
    private static final float NORM_EPS = 1e-12f;

    /** The validated hyperparameters. */
    protected final HeadSpec spec;

    private final Parameter weight;

    /**
     * Creates a head without state.
     *
     * @param spec the validated hyperparameters
     */
    protected MarginHead(HeadSpec spec) {
        this(spec, STATELESS_VERSION);
    }

    /**
     * Creates a head with the given block version.
     *
     * @param spec the validated hyperparameters
     * @param version {@link #STATELESS_VERSION} or {@link #STATEFUL_VERSION}
     */
    @SuppressWarnings("this-escape")
    protected MarginHead(HeadSpec spec, byte version) {
        super(version);
        this.spec = spec;
        // xavier_uniform_: bound sqrt(6 / (fan_in + fan_out)) = DJL AVG factor with magnitude 3.
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(spec.numCentres(), spec.embeddingDim()))
                                .optInitializer(
                                        new XavierInitializer(
                                                XavierInitializer.RandomType.UNIFORM,
                                                XavierInitializer.FactorType.AVG,
                                                3f))
                                .build());
    }

    /**
     * Returns the hyperparameters this head was built from.
     *
     * @return the spec
     */
    public HeadSpec getSpec() {
        return spec;
    }

    /**
     * Returns the head's mutable state by name, for logging and tests; empty for stateless heads.
     *
     * @return state values in a stable order
     */
    public Map<String, Float> state() {
        return Map.of();
    }

    /** Inference: {@code scale() * cos}, no margin, no state change. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = embeddings(inputs);
        NDArray cos = cosine(x, parameterStore.getValue(weight, x.getDevice(), training));
        return new NDList(cos.mul(scale()));
    }

    /** Training: {@code scale() * marginLogits(batch)} after {@link #updateState}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList data,
            NDList labels,
            PairList<String, Object> params) {
        NDArray x = embeddings(data);
        NDArray y = labels(labels, x.getShape().get(0));
        NDArray cos = cosine(x, parameterStore.getValue(weight, x.getDevice(), true));
        NDArray mask = y.oneHot(spec.numClasses(), cos.getDataType());
        MarginBatch batch = new MarginBatch(x, cos, mask, cos.mul(mask).sum(new int[] {1}));
        updateState(batch);
        NDArray logits = marginLogits(batch);
        return new NDList(logits.mul(AutogradScalars.of(logits, scale())));
    }

    /**
     * Hook: clamps the cosine matrix; default {@code [-1, 1]}.
     *
     * @param cos B x C cosines
     * @return the clamped cosines
     */
    protected NDArray clampCosine(NDArray cos) {
        return cos.clip(-1f, 1f);
    }

    /**
     * Hook: updates the head's state from the batch, before the margin is applied. Runs without
     * gradient; use {@link #withoutGradient}. Default: no state.
     *
     * @param batch the training batch
     */
    protected void updateState(MarginBatch batch) {}

    /**
     * Hook: the unscaled training logits with the head's margin, B x C.
     *
     * @param batch the training batch
     * @return logits before {@link #scale()}
     */
    protected abstract NDArray marginLogits(MarginBatch batch);

    /**
     * Hook: the logit scale s; default {@code MODEL.HEAD.s}.
     *
     * @return the current scale
     */
    protected float scale() {
        return spec.scale();
    }

    /**
     * Hook: writes the state after the input shapes; stateful heads override it together with
     * {@link #loadState}.
     *
     * @param os the parameter stream
     * @throws IOException when writing fails
     */
    protected void saveState(DataOutputStream os) throws IOException {}

    /**
     * Hook: reads what {@link #saveState} wrote.
     *
     * @param is the parameter stream
     * @throws IOException when reading fails
     */
    protected void loadState(DataInputStream is) throws IOException {}

    /**
     * The head's state as bytes (what {@link #saveState} writes), so a caller can run several
     * forwards from the same state: data-parallel replicas each start from the step's state.
     *
     * @return the snapshot, empty for stateless heads
     */
    public final byte[] stateSnapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            saveState(os);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the state of " + this + " to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Puts back a state taken by {@link #stateSnapshot}.
     *
     * @param snapshot the bytes of {@link #stateSnapshot} of this head
     */
    public final void restoreState(byte[] snapshot) {
        try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            loadState(is);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a state snapshot into " + this, e);
        }
    }

    /**
     * Runs a state update on a gradient-free view of {@code source}; every array derived from
     * that view is freed when the update returns.
     *
     * @param source the array to read (e.g. cosines or embeddings)
     * @param update reads the detached view and assigns the head's state fields
     */
    protected static void withoutGradient(NDArray source, Consumer<NDArray> update) {
        try (NDManager scope = source.getManager().newSubManager()) {
            NDArray detached = source.stopGradient();
            detached.attach(scope);
            update.accept(detached);
        }
    }

    /**
     * {@code cos = clampCosine(normalize(x) . normalize(W)^T)}, then the max over the k
     * sub-centres of each class (rows of W are class-major: class c owns rows c*k .. c*k+k-1).
     */
    private NDArray cosine(NDArray x, NDArray w) {
        NDArray cos = normalizeRows(x).matMul(normalizeRows(w).transpose());
        if (spec.k() > 1) {
            cos = cos.reshape(x.getShape().get(0), spec.numClasses(), spec.k()).max(new int[] {2});
        }
        return clampCosine(cos);
    }

    private static NDArray normalizeRows(NDArray a) {
        NDArray norms = a.norm(new int[] {1}, true);
        return a.div(norms.maximum(AutogradScalars.of(norms, NORM_EPS)));
    }

    private NDArray embeddings(NDList data) {
        NDArray x = data.head();
        checkEmbeddingShape(x.getShape());
        return x;
    }

    private void checkEmbeddingShape(Shape shape) {
        if (shape.dimension() != 2 || shape.get(1) != spec.embeddingDim()) {
            throw new IllegalArgumentException(
                    spec.name() + " head expects embeddings of shape (batch, "
                            + spec.embeddingDim() + "), got " + shape);
        }
    }

    private NDArray labels(NDList labels, long batchSize) {
        NDArray y = labels.head();
        if (y.size() != batchSize) {
            throw new IllegalArgumentException(
                    spec.name() + " head expects " + batchSize + " labels, got shape "
                            + y.getShape());
        }
        y = y.reshape(batchSize).toType(DataType.INT64, false);
        long min = y.min().getLong();
        long max = y.max().getLong();
        if (min < 0 || max >= spec.numClasses()) {
            throw new IllegalArgumentException(
                    spec.name() + " head: labels must be in 0.." + (spec.numClasses() - 1)
                            + ", got " + (min < 0 ? min : max));
        }
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.numClasses())};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        checkEmbeddingShape(inputShapes[0]);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        saveState(os);
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is)
            throws IOException, MalformedModelException {
        if (loadVersion != version) {
            throw new MalformedModelException(
                    spec.name() + " head parameters have block version " + loadVersion
                            + ", expected " + version);
        }
        readInputShapes(is);
        loadState(is);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + spec + ", state=" + state() + ")";
    }
}
