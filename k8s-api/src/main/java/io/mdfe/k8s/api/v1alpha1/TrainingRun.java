package io.mdfe.k8s.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A training run on the cluster's GPU pool, reconciled by trainer-service into one batch/v1 Job. */
@Group(TrainingRun.GROUP)
@Version(TrainingRun.VERSION)
@Singular("trainingrun")
@Plural("trainingruns")
@ShortNames({"tr", "trun"})
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "STEP", jsonPath = ".status.step", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "LOSS", jsonPath = ".status.lastLoss", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "GPUS", jsonPath = ".spec.resources.gpus", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TrainingRun extends CustomResource<TrainingRunSpec, TrainingRunStatus> implements Namespaced {

    /** The API group of both resources. */
    public static final String GROUP = "mdfe.io";
    /** Their API version. */
    public static final String VERSION = "v1alpha1";
}
