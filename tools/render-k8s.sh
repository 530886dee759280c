#!/usr/bin/env bash
# Regenerates k8s/rendered/mdfe2.yaml: helm/mdfe2 rendered with its default values, by the Helm that
# helm-java bundles (no helm binary needed). RenderedManifestsTest fails while it is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl helm-tests test-compile exec:java -Dexec.mainClass=io.mdfe.helm.RenderK8s -Dexec.classpathScope=test \
    -Dmdfe.repo.root="$PWD" "$@"
