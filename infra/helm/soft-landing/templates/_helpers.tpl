{{/* The release's name for its objects, at most 63 characters as DNS labels want. */}}
{{- define "soft-landing.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's objects: <release>-<service>, e.g. soft-landing-worker. */}}
{{- define "soft-landing.componentName" -}}
{{- printf "%s-%s" (include "soft-landing.fullname" .root) (.name | kebabcase) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "soft-landing.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name | kebabcase }}
{{- end -}}

{{- define "soft-landing.labels" -}}
{{ include "soft-landing.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "soft-landing.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Where the key files of values.keys are mounted; each *_PATH variable points into it. */}}
{{- define "soft-landing.keysDir" -}}/app/keys{{- end -}}

{{/*
The environment every service gets: the settings of services/shared/config.ts from values, secrets by reference.
Services ignore what they do not use, so one list keeps api and worker agreeing on Temporal and key files.
*/}}
{{- define "soft-landing.env" -}}
- name: HOST
  value: 0.0.0.0
- name: OPS_PORT
  value: {{ .Values.opsPort | quote }}
- name: DATA_DIR
  value: {{ .Values.persistence.mountPath | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: TEMPORAL_ADDRESS
  value: {{ required "temporal.address is required" .Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: TEMPORAL_TASK_QUEUE
  value: {{ .Values.temporal.taskQueue | quote }}
{{- if .Values.temporal.tls }}
- name: TEMPORAL_TLS
  value: "true"
{{- end }}
{{- with .Values.temporal.tlsServerName }}
- name: TEMPORAL_TLS_SERVER_NAME
  value: {{ . | quote }}
{{- end }}
{{- if .Values.temporal.apiKey.secretName }}
- name: TEMPORAL_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.temporal.apiKey.secretName }}
      key: {{ .Values.temporal.apiKey.secretKey }}
{{- end }}
{{- with .Values.temporal.sdkMetricsAddress }}
- name: TEMPORAL_SDK_METRICS_ADDRESS
  value: {{ . | quote }}
{{- end }}
- name: ESDB_CONNECTION_STRING
  valueFrom:
    secretKeyRef:
      name: {{ required "eventStore.connectionString.secretName is required" .Values.eventStore.connectionString.secretName }}
      key: {{ .Values.eventStore.connectionString.secretKey }}
{{- if .Values.database.url.secretName }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.url.secretName }}
      key: {{ .Values.database.url.secretKey }}
{{- end }}
{{- with .Values.kafka.brokers }}
- name: KAFKA_BROKERS
  value: {{ . | quote }}
{{- end }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ .Values.kafka.topicPrefix | quote }}
- name: KAFKA_CLIENT_ID
  value: {{ .Values.kafka.clientId | quote }}
{{- if .Values.kafka.ssl }}
- name: KAFKA_SSL
  value: "true"
{{- end }}
{{- with .Values.kafka.saslMechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ . | quote }}
- name: KAFKA_SASL_USERNAME
  value: {{ required "kafka.saslUsername is required with kafka.saslMechanism" $.Values.kafka.saslUsername | quote }}
{{- end }}
{{- with .Values.kafka.replicationFactor }}
- name: KAFKA_REPLICATION_FACTOR
  value: {{ . | quote }}
{{- end }}
{{- with .Values.kafka.minInsyncReplicas }}
- name: KAFKA_MIN_INSYNC_REPLICAS
  value: {{ . | quote }}
{{- end }}
- name: PUBLIC_BASE_URL
  value: {{ .Values.publicBaseUrl | quote }}
- name: OIDC_PROVIDERS
  value: {{ .Values.oidcProviders | quote }}
- name: MAIL_FROM
  value: {{ .Values.mail.from | quote }}
{{- if .Values.mail.smtpUrl.secretName }}
- name: SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.mail.smtpUrl.secretName }}
      key: {{ .Values.mail.smtpUrl.secretKey }}
{{- end }}
- name: WEBHOOK_ALLOWED_HOSTS
  value: {{ .Values.webhooks.allowedHosts | quote }}
- name: WEBHOOK_MAX_ATTEMPTS
  value: {{ .Values.webhooks.maxAttempts | quote }}
{{- range $variable, $file := .Values.keys.items }}
- name: {{ $variable }}
  value: {{ printf "%s/%s" (include "soft-landing.keysDir" $) $file | quote }}
{{- end }}
{{- end -}}
