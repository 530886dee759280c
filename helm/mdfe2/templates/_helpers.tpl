{{/*
The five services: values key -> component name and port. Each listens on one port for gRPC (h2c or
TLS) and HTTP (/q/health, /q/metrics); the ports are the services' quarkus.http.port defaults.
*/}}
{{- define "mdfe2.components" -}}
data: {name: data-service, port: 8081, operator: false, clientFacing: true}
trainer: {name: trainer-service, port: 8082, operator: true, clientFacing: true}
embedder: {name: embedder-service, port: 8083, operator: false, clientFacing: true}
index: {name: index-service, port: 8084, operator: false, clientFacing: true}
eval: {name: eval-service, port: 8085, operator: true, clientFacing: true}
{{- end -}}

{{/*
Declared service-to-service gRPC flows: callee -> callers (besides clients). Trainer Jobs stream images
from data-service; eval-service may call the embedder and index for remote evaluations.
*/}}
{{- define "mdfe2.serviceCallers" -}}
data: [trainer-service, trainer-worker, eval-service]
embedder: [eval-service]
index: [eval-service]
trainer: []
eval: []
{{- end -}}

{{- define "mdfe2.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mdfe2.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "mdfe2.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels shared by every object. */}}
{{- define "mdfe2.labels" -}}
helm.sh/chart: {{ include "mdfe2.chart" . }}
app.kubernetes.io/name: {{ include "mdfe2.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mdfe2
{{- end -}}

{{/* Selector labels of the release's pods. */}}
{{- define "mdfe2.releaseSelector" -}}
app.kubernetes.io/name: {{ include "mdfe2.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "data-service"). */}}
{{- define "mdfe2.selectorLabels" -}}
{{ include "mdfe2.releaseSelector" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Object name of one component: <fullname>-<key>, e.g. mdfe2-data. */}}
{{- define "mdfe2.componentName" -}}
{{- printf "%s-%s" (include "mdfe2.fullname" .root) .key | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Image tag: the values' tag, else appVersion; with (dict "root" $ "gpu" true) the GPU variant. */}}
{{- define "mdfe2.imageTag" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .gpu -}}{{- printf "%s%s" $tag .root.Values.gpu.imageTagSuffix -}}{{- else -}}{{- $tag -}}{{- end -}}
{{- end -}}

{{/* Image of one service; call with (dict "root" $ "component" "data-service" "gpu" false). */}}
{{- define "mdfe2.image" -}}
{{- printf "%s/mdfe-%s:%s" .root.Values.image.registry .component (include "mdfe2.imageTag" .) -}}
{{- end -}}

{{- define "mdfe2.artifactsClaim" -}}
{{- default (printf "%s-artifacts" (include "mdfe2.fullname" .)) .Values.artifacts.existingClaim -}}
{{- end -}}

{{- define "mdfe2.kafkaBootstrap" -}}
{{- if eq .Values.kafka.mode "dev" -}}
{{- printf "%s-kafka:9092" (include "mdfe2.fullname" .) -}}
{{- else -}}
{{- .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* The port of the Milvus URI (19530 when it names none). */}}
{{- define "mdfe2.milvusPort" -}}
{{- $host := (urlParse .Values.milvus.uri).host -}}
{{- if contains ":" $host -}}{{- splitList ":" $host | last -}}{{- else -}}19530{{- end -}}
{{- end -}}

{{/* Pod-level security context of every pod (the images run as uid 185, see README). */}}
{{- define "mdfe2.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 185
runAsGroup: 185
fsGroup: 185
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context of every container. */}}
{{- define "mdfe2.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Probes. The kubelet's native gRPC probe (grpc.health.v1) speaks plaintext h2c only, so it is used when
TLS is off; with TLS the fallback is /q/health over HTTPS (the kubelet does not verify the certificate);
with mutual TLS the kubelet cannot present a client certificate and only a TCP check is possible.
Call with (dict "root" $ "port" 8081 "kind" "readiness").
*/}}
{{- define "mdfe2.probe" -}}
{{- $tls := .root.Values.security.tls -}}
{{- if not $tls.enabled }}
grpc:
  port: {{ .port }}
{{- else if not $tls.mutual }}
httpGet:
  path: /q/health/{{ if eq .kind "readiness" }}ready{{ else }}live{{ end }}
  port: {{ .port }}
  scheme: HTTPS
{{- else }}
tcpSocket:
  port: {{ .port }}
{{- end }}
{{- if eq .kind "startup" }}
periodSeconds: 5
failureThreshold: 60
timeoutSeconds: 3
{{- else if eq .kind "liveness" }}
periodSeconds: 20
failureThreshold: 3
timeoutSeconds: 5
{{- else }}
periodSeconds: 10
failureThreshold: 3
timeoutSeconds: 5
{{- end }}
{{- end -}}

{{/* Security environment (MDFE_TLS_*, MDFE_AUTH_*), for the ConfigMaps. */}}
{{- define "mdfe2.securityEnv" -}}
MDFE_TLS_ENABLED: {{ .Values.security.tls.enabled | quote }}
{{- if and .Values.security.tls.enabled .Values.security.tls.mutual }}
MDFE_TLS_CLIENT_AUTH: required
{{- end }}
MDFE_AUTH_ENABLED: {{ .Values.security.auth.enabled | quote }}
{{- end -}}

{{/* The auth Secret's key of a component's own client token (security.auth.clientTokens), empty when it has none or auth is off. */}}
{{- define "mdfe2.clientTokenKey" -}}
{{- if .root.Values.security.auth.enabled -}}
{{- index (.root.Values.security.auth.clientTokens | default dict) .key | default "" -}}
{{- end -}}
{{- end -}}

{{/* Volumes of the security Secrets; mounts below. */}}
{{- define "mdfe2.securityVolumes" -}}
{{- if .Values.security.tls.enabled }}
- name: tls
  secret:
    secretName: {{ .Values.security.tls.secretName }}
    defaultMode: 288  # 0440
    items:
      - {key: tls.crt, path: tls.crt}
      - {key: tls.key, path: tls.key}
      - {key: ca.crt, path: ca.crt}
{{- end }}
{{- if .Values.security.auth.enabled }}
- name: auth
  secret:
    secretName: {{ .Values.security.auth.secretName }}
    defaultMode: 288  # 0440
    items:
      - {key: tokens, path: tokens}
{{- end }}
{{- end -}}

{{- define "mdfe2.securityMounts" -}}
{{- if .Values.security.tls.enabled }}
- {name: tls, mountPath: /etc/mdfe/tls, readOnly: true}
{{- end }}
{{- if .Values.security.auth.enabled }}
- {name: auth, mountPath: /etc/mdfe/auth, readOnly: true}
{{- end }}
{{- end -}}

{{/* Quarkus property name -> environment variable name (SmallRye's mapping). */}}
{{- define "mdfe2.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper -}}
{{- end -}}

{{/* NetworkPolicy egress rule to the cluster DNS. */}}
{{- define "mdfe2.dnsEgress" -}}
- ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
  to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Values.networkPolicy.dns.namespace }}
{{- end -}}

{{/* NetworkPolicy egress rule to Kafka: the dev broker's pod, or the external brokers' ports. */}}
{{- define "mdfe2.kafkaEgress" -}}
{{- if eq .Values.kafka.mode "dev" -}}
- ports:
    - {port: 9092, protocol: TCP}
  to:
    - podSelector:
        matchLabels:
          {{- include "mdfe2.selectorLabels" (dict "root" . "component" "kafka") | nindent 10 }}
{{- else -}}
- ports:
    {{- range .Values.kafka.external.ports }}
    - {port: {{ . }}, protocol: TCP}
    {{- end }}
  {{- with .Values.kafka.external.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
{{- end -}}
