package io.mdfe.trainer.grpc;

import io.mdfe.proto.trainer.CancelRunRequest;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.ListRecipesRequest;
import io.mdfe.proto.trainer.ListRecipesResponse;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.ListRunsResponse;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.Recipe;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.StreamProgressRequest;
import io.mdfe.proto.trainer.TrainerService;
import io.mdfe.service.common.grpc.GrpcErrors;
import io.mdfe.trainer.plan.RunPlanner;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The {@code mdfe.trainer.v1.TrainerService} gRPC API over the {@link RunManager}, {@link RunPlanner} and
 * {@link RecipeRegistry}. Every method touches the state directory or waits for the manager's lock, so all run
 * on worker threads; failures become INVALID_ARGUMENT, NOT_FOUND or FAILED_PRECONDITION naming the field.
 */
@GrpcService
public class TrainerGrpcService implements TrainerService {

    private static final Logger LOG = Logger.getLogger(TrainerGrpcService.class);

    private final RunManager runs;
    private final RunPlanner planner;
    private final RecipeRegistry recipes;

    TrainerGrpcService(RunManager runs, RunPlanner planner, RecipeRegistry recipes) {
        this.runs = runs;
        this.planner = planner;
        this.recipes = recipes;
    }

    @Override
    @Blocking
    public Uni<Run> startTraining(StartTrainingRequest request) {
        return call(() -> TrainerProtos.run(runs.submit(planner.plan(TrainerProtos.request(request)))));
    }

    @Override
    @Blocking
    public Uni<Run> getRun(GetRunRequest request) {
        return call(() -> TrainerProtos.run(runs.get(TrainerProtos.requireNonEmpty("run_id", request.getRunId()))));
    }

    @Override
    @Blocking
    public Uni<ListRunsResponse> listRuns(ListRunsRequest request) {
        return call(() -> {
            ListRunsResponse.Builder response = ListRunsResponse.newBuilder();
            for (RunRecord run : runs.list()) {
                RunState state = TrainerProtos.state(run.state());
                if ((request.getStatesList().isEmpty() || request.getStatesList().contains(state))
                        && (request.getRecipe().isEmpty() || request.getRecipe().equals(run.spec().recipe()))) {
                    response.addRuns(TrainerProtos.run(run));
                }
            }
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<Run> cancelRun(CancelRunRequest request) {
        return call(() -> TrainerProtos.run(runs.cancel(TrainerProtos.requireNonEmpty("run_id", request.getRunId()))));
    }

    @Override
    @Blocking
    public Multi<ProgressUpdate> streamProgress(StreamProgressRequest request) {
        return Multi.createFrom().<ProgressUpdate>emitter(emitter -> {
            AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
            emitter.onTermination(() -> close(subscription.get()));
            try {
                subscription.set(runs.observe(TrainerProtos.requireNonEmpty("run_id", request.getRunId()), event -> {
                    emitter.emit(TrainerProtos.progress(event));
                    if (event.run().state().isTerminal()) {
                        emitter.complete();
                    }
                }));
                if (emitter.isCancelled()) {
                    close(subscription.get()); // the client left while the snapshot was sent
                }
            } catch (RuntimeException e) {
                emitter.fail(GrpcErrors.toStatus(e));
            }
        }).emitOn(Infrastructure.getDefaultWorkerPool()); // the observer runs under the manager's lock: never write to gRPC there
    }

    @Override
    @Blocking
    public Uni<Recipe> registerRecipe(RegisterRecipeRequest request) {
        return call(() -> recipe(recipes.register(new io.mdfe.trainer.recipe.Recipe(request.getName(),
                request.getConfigYaml(), request.getDatasetId(), request.getDatasetNamesList(), request.getEnabled()))));
    }

    @Override
    @Blocking
    public Uni<ListRecipesResponse> listRecipes(ListRecipesRequest request) {
        return call(() -> {
            ListRecipesResponse.Builder response = ListRecipesResponse.newBuilder();
            recipes.all().forEach(r -> response.addRecipes(recipe(r)));
            return response.build();
        });
    }

    /** The recipe with its newest run, if any. */
    private Recipe recipe(io.mdfe.trainer.recipe.Recipe r) {
        Recipe.Builder recipe = Recipe.newBuilder().setName(r.name()).setConfigYaml(r.configYaml())
                .setDatasetId(r.datasetId()).addAllDatasetNames(r.datasetNames()).setEnabled(r.enabled());
        Optional<RunRecord> last = runs.list().stream().filter(run -> run.spec().recipe().equals(r.name())).findFirst();
        last.ifPresent(run -> recipe.setLastRunId(run.id()).setLastDatasetVersion(run.spec().datasetVersion()));
        return recipe.build();
    }

    private static void close(AutoCloseable subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("closing a progress subscription failed", e);
        }
    }

    private static <T> Uni<T> call(Supplier<T> body) {
        return Uni.createFrom().item(body).onFailure().transform(GrpcErrors::toStatus);
    }
}
