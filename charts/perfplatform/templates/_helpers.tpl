{{/* Chart name, truncated to the 63 characters Kubernetes allows. */}}
{{- define "perfplatform.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release-qualified name every object starts with. */}}
{{- define "perfplatform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's objects are named after it: <fullname>-<service>. Call with (dict "root" $ "name" $name). */}}
{{- define "perfplatform.componentName" -}}
{{- printf "%s-%s" (include "perfplatform.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "perfplatform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "perfplatform.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: perfplatform
{{- end -}}

{{- define "perfplatform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "perfplatform.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* A service pod's labels: its selector labels and the part-of label the NetworkPolicy admits peers by. */}}
{{- define "perfplatform.podLabels" -}}
{{ include "perfplatform.selectorLabels" . }}
app.kubernetes.io/part-of: perfplatform
{{- end -}}

{{/* A migration Job's pod: the service's name with "-migrate", so that no Service, PDB or NetworkPolicy selects it. */}}
{{- define "perfplatform.migrationPodLabels" -}}
app.kubernetes.io/name: {{ include "perfplatform.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}-migrate
{{- end -}}

{{/* Services refuse to start without a way to check tokens: fail the install instead of crash-looping. */}}
{{- define "perfplatform.requireAuth" -}}
{{- if not (or .Values.auth.authority .Values.auth.signingKeySecret) -}}
{{- fail "Set auth.authority (the OIDC issuer URL) or, on a development cluster, auth.signingKeySecret." -}}
{{- end -}}
{{- end -}}

{{- define "perfplatform.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s/%s:%s" .root.Values.image.registry .root.Values.image.repository .svc.image $tag -}}
{{- end -}}

{{/*
Environment every service gets, named as in deploy/local/lib.sh: its ports on all interfaces, the broker (not the
gateway), auth, limits, and where the other services are. Call with (dict "root" $ "name" $name "svc" $svc).
Helm reads every number in values as float64, which quote and printf's %v print in exponent form from a million on
(4194304 becomes "4.194304e+06", which no service binds to a long): numbers pass through int64 before they are quoted.
*/}}
{{- define "perfplatform.env" -}}
- name: Ports__Host
  value: "0.0.0.0"
- name: Ports__Http
  value: {{ .svc.ports.http | int64 | quote }}
- name: Ports__Grpc
  value: {{ .svc.ports.grpc | int64 | quote }}
{{- if .svc.ports.metrics }}
- name: Ports__Metrics
  value: {{ .svc.ports.metrics | int64 | quote }}
{{- end }}
- name: Limits__MaxRequestBodyBytes
  value: {{ .root.Values.limits.maxRequestBodyBytes | int64 | quote }}
{{- if .root.Values.auth.issuer }}
- name: Auth__Issuer
  value: {{ .root.Values.auth.issuer | quote }}
{{- end }}
- name: Auth__Audience
  value: {{ .root.Values.auth.audience | quote }}
{{- if .root.Values.auth.authority }}
- name: Auth__Authority
  value: {{ .root.Values.auth.authority | quote }}
{{- range $name, $claim := .root.Values.auth.claims }}
- name: Auth__Claims__{{ title $name }}
  value: {{ $claim | quote }}
{{- end }}
{{- end }}
{{- /* Both set: the authority's tokens and development tokens are accepted, each checked by its own issuer. */}}
{{- if .root.Values.auth.signingKeySecret }}
- name: Auth__SigningKey
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.auth.signingKeySecret }}
      key: {{ .root.Values.auth.signingKeySecretKey }}
{{- end }}
{{- /* The gateway never connects to the broker: it gets no broker address or credentials. */}}
{{- if ne .name "gateway" }}
- name: RabbitMq__Host
  value: {{ .root.Values.rabbitmq.host | quote }}
- name: RabbitMq__Port
  value: {{ .root.Values.rabbitmq.port | int64 | quote }}
- name: RabbitMq__VirtualHost
  value: {{ .root.Values.rabbitmq.virtualHost | quote }}
- name: RabbitMq__Username
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.rabbitmq.existingSecret }}
      key: {{ .root.Values.rabbitmq.usernameKey }}
- name: RabbitMq__Password
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.rabbitmq.existingSecret }}
      key: {{ .root.Values.rabbitmq.passwordKey }}
{{- end }}
{{- if .svc.database.secretKey }}
- name: ConnectionStrings__Postgres
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.postgres.existingSecret }}
      key: {{ .svc.database.secretKey }}
- name: Database__MigrateOnStart
  value: {{ (not .root.Values.migrations.enabled) | quote }}
- name: Database__CreateIfMissing
  value: "false"
{{- end }}
{{- $root := .root }}
{{- range $other, $entry := .root.Values.services }}
{{- $o := include "perfplatform.service" (dict "root" $root "entry" $entry) | fromYaml }}
{{- if and $o.enabled (ne $other "gateway") }}
- name: Upstreams__{{ title $other }}__Http
  value: {{ printf "http://%s:%v" (include "perfplatform.componentName" (dict "root" $root "name" $other)) (int64 $o.ports.http) | quote }}
- name: Upstreams__{{ title $other }}__Grpc
  value: {{ printf "http://%s:%v" (include "perfplatform.componentName" (dict "root" $root "name" $other)) (int64 $o.ports.grpc) | quote }}
{{- end }}
{{- end }}
{{- if eq .name "gateway" }}
- name: RateLimit__PermitsPerSecond
  value: {{ .root.Values.rateLimit.permitsPerSecond | int64 | quote }}
- name: RateLimit__Burst
  value: {{ .root.Values.rateLimit.burst | int64 | quote }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/*
A service's settings: its block under .Values.services merged over .Values.default key by key (maps merge, anything
else replaces), so that a false or a 0 in the block wins, which Helm's merge and mergeOverwrite would not let it do.
Call with (dict "root" $ "entry" $block) and read the result with fromYaml.
*/}}
{{- define "perfplatform.service" -}}
{{- include "perfplatform.merge" (dict "base" (.root.Values.default | default (dict)) "over" .entry) -}}
{{- end -}}

{{- define "perfplatform.merge" -}}
{{- $out := deepCopy .base -}}
{{- range $key, $value := .over -}}
{{- if and (kindIs "map" $value) (kindIs "map" (index $out $key)) -}}
{{- $_ := set $out $key (include "perfplatform.merge" (dict "base" (index $out $key) "over" $value) | fromYaml) -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
