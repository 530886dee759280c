package io.mdfe.k8s.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A UnED evaluation of one model, reconciled by eval-service; its results land in the status. */
@Group(TrainingRun.GROUP)
@Version(TrainingRun.VERSION)
@Singular("evaluation")
@Plural("evaluations")
@ShortNames({"ev", "mdfeeval"})
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".status.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "R@1", jsonPath = ".status.mean.recallAt1", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "mMP@5", jsonPath = ".status.mean.mmpAt5", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Evaluation extends CustomResource<EvaluationSpec, EvaluationStatus> implements Namespaced {
}
