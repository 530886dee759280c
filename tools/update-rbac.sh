#!/usr/bin/env bash
# Regenerates k8s/rbac/ (each operator's Role and RoleBinding) from io.mdfe.k8s.api.rbac.OperatorRoles.
# RbacInSyncTest fails until the committed files equal the generated ones; OperatorRolesChartTest checks the
# chart's Roles against these files.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl k8s-api compile exec:java -Dexec.mainClass=io.mdfe.k8s.api.rbac.RoleFiles -Dexec.args="$PWD"
