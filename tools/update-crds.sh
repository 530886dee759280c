#!/usr/bin/env bash
# Regenerates the CRDs of TrainingRun and Evaluation from the k8s-api classes (Fabric8 crd-generator, run by
# the k8s-api build) and copies them into k8s/crds/ and the Helm chart's crds/. CrdsInSyncTest fails until
# both copies equal the generated files.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl k8s-api -am process-classes
for dir in k8s/crds helm/mdfe2/crds; do
  mkdir -p "$dir"
  rm -f "$dir"/*.yml
  cp k8s-api/target/crds/*.yml "$dir"/
done
echo "CRDs written to k8s/crds/ and helm/mdfe2/crds/"
