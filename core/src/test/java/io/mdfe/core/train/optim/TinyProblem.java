package io.mdfe.core.train.optim;

import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.config.OptimizerConfig;
import io.mdfe.core.train.schedule.LrSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The fixed problem of {@code tools/golden/gen_optimizer_golden.py} (linear 4 -> 3 with bias,
 * MSE on 6 fixed rows), trained through DJL's {@link Trainer} exactly as the training loop does:
 * gradients by DJL autograd, {@code trainer.step()} drives the optimizer, and SAM optimizers get
 * their two-pass protocol.
 */
final class TinyProblem implements AutoCloseable {

    static final String RESOURCE = "/golden/train/optimizers.json";
    private static final JsonNode FIXTURE = load();

    private final Model model;
    private final Trainer trainer;
    private final TrainingOptimizer optimizer;

    /** A fresh model at the fixture's initial weights, trained by {@code optimizer}. */
    TinyProblem(TrainingOptimizer optimizer) {
        this.optimizer = optimizer;
        model = Model.newInstance("tiny");
        model.setBlock(Linear.builder().setUnits(3).build());
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer));
        trainer.initialize(new Shape(6, 4));
        JsonNode p = FIXTURE.get("problem");
        setWeights(flat(p.get("weight")), flat(p.get("bias")));
        optimizer.nameParameters(model.getBlock().getParameters());
    }

    /** {@return the fixture root} */
    static JsonNode fixture() {
        return FIXTURE;
    }

    /** {@return the fixture's learning rate per step, as a schedule} */
    static LrSchedule fixtureSchedule() {
        JsonNode lrs = FIXTURE.get("lrs");
        return step -> lrs.get(Math.toIntExact(step)).asDouble();
    }

    /** {@return the optimizer for a fixture case, built by the registry} */
    static TrainingOptimizer optimizerFor(JsonNode c) {
        OptimizerConfig cfg = new OptimizerConfig(c.get("name").asText(), FIXTURE.get("lrs").get(0).asDouble(),
                c.get("weight_decay").asDouble(), c.get("momentum").asDouble());
        return OptimizerRegistry.create(cfg, fixtureSchedule());
    }

    /** One training step: forward/backward (twice for SAM) then {@code trainer.step()}. */
    void step() {
        if (optimizer instanceof SamOptimizer sam) {
            List<Parameter> params = trainable();
            backward();
            sam.perturb(params);
            backward();
            sam.restore(params);
        } else {
            backward();
        }
        trainer.step();
    }

    TrainingOptimizer optimizer() {
        return optimizer;
    }

    List<Parameter> trainable() {
        return model.getBlock().getParameters().values();
    }

    float[] weight() {
        return parameter("weight").getArray().toFloatArray();
    }

    float[] bias() {
        return parameter("bias").getArray().toFloatArray();
    }

    void setWeights(float[] weight, float[] bias) {
        parameter("weight").getArray().set(FloatBuffer.wrap(weight));
        parameter("bias").getArray().set(FloatBuffer.wrap(bias));
    }

    NDManager manager() {
        return trainer.getManager();
    }

    /** Forward + backward on the fixture batch: gradients accumulate into the parameters. */
    void backward() {
        JsonNode p = FIXTURE.get("problem");
        try (NDManager batch = trainer.getManager().newSubManager();
             GradientCollector collector = trainer.newGradientCollector()) {
            NDArray x = batch.create(matrix(p.get("x")));
            NDArray y = batch.create(matrix(p.get("y")));
            NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
            collector.backward(prediction.sub(y).square().mean());
        }
    }

    private Parameter parameter(String name) {
        return model.getBlock().getParameters().get(name);
    }

    @Override
    public void close() {
        optimizer.close();
        trainer.close();
        model.close();
    }

    static float[] flat(JsonNode values) {
        int n = 0;
        for (JsonNode v : values) {
            n += v.isArray() ? v.size() : 1;
        }
        float[] out = new float[n];
        int i = 0;
        for (JsonNode v : values) {
            if (v.isArray()) {
                for (JsonNode e : v) {
                    out[i++] = (float) e.asDouble();
                }
            } else {
                out[i++] = (float) v.asDouble();
            }
        }
        return out;
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = flat(rows.get(r));
        }
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = TinyProblem.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                fail("missing golden fixture " + RESOURCE + "; regenerate it with"
                        + " /usr/bin/python3 tools/golden/gen_optimizer_golden.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
