/**
 * The MDFE2 custom resources, group {@code mdfe.io}, version {@code v1alpha1}: {@link io.mdfe.k8s.api.v1alpha1.TrainingRun}
 * (reconciled by trainer-service into GPU training Jobs) and {@link io.mdfe.k8s.api.v1alpha1.Evaluation}
 * (reconciled by eval-service). The classes are the source of the CRD YAML in {@code k8s/crds/}: Fabric8's
 * crd-generator turns their fields, enums and {@code io.fabric8.generator.annotation} constraints into the
 * openAPIV3Schema at build time.
 */
package io.mdfe.k8s.api.v1alpha1;
