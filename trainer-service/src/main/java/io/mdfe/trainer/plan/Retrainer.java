package io.mdfe.trainer.plan;

import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Event-driven retraining: when the data-service announces a dataset version (registered or updated), every
 * enabled recipe training on that dataset gets a run for it, unless one was already submitted for that recipe
 * and version. The run registry is the record of what was triggered, so a redelivered or duplicate event
 * starts nothing, also after a restart; a dataset that returns to an earlier version's content is an earlier
 * version and starts nothing either.
 */
public final class Retrainer {

    private static final Logger LOG = Logger.getLogger(Retrainer.class);

    private final RecipeRegistry recipes;
    private final KnownDatasets datasets;
    private final RunPlanner planner;
    private final RunManager runs;

    /**
     * Creates the retrainer.
     *
     * @param recipes the recipes
     * @param datasets the announced datasets, updated here
     * @param planner plans the runs
     * @param runs runs them
     */
    public Retrainer(RecipeRegistry recipes, KnownDatasets datasets, RunPlanner planner, RunManager runs) {
        this.recipes = recipes;
        this.datasets = datasets;
        this.planner = planner;
        this.runs = runs;
    }

    /**
     * Records a dataset's new current version and starts the runs it calls for.
     *
     * @param dataset the announced dataset version
     * @return the runs started, one per recipe that had none for this version
     */
    public synchronized List<RunRecord> onDatasetVersion(KnownDataset dataset) {
        datasets.put(dataset);
        List<RunRecord> started = new ArrayList<>();
        for (Recipe recipe : recipes.trainingOn(dataset.id())) {
            if (runs.hasRun(recipe.name(), dataset.version())) {
                LOG.debugf("recipe %s already has a run for %s@%s", recipe.name(), dataset.id(), dataset.version());
                continue;
            }
            try {
                RunRecord run = runs.submit(planner.plan(new TrainingRequest("", recipe.name(),
                        DataSelection.registered(dataset.id(), dataset.version(), recipe.datasetNames()), List.of())));
                LOG.infof("dataset %s@%s: started %s for recipe %s", dataset.id(), dataset.version(), run.id(),
                        recipe.name());
                started.add(run);
            } catch (ServiceException e) {
                // one recipe that no longer fits its dataset must not keep the others from retraining
                LOG.errorf("recipe %s cannot retrain on %s@%s: %s", recipe.name(), dataset.id(), dataset.version(),
                        e.getMessage());
            }
        }
        return started;
    }
}
