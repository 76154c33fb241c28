{{/*
The environment of each service: exactly the configuration keys its application.properties and config classes read
(see each service's README). Secrets are referenced, never copied: the chart holds no password or key.
*/}}

{{- define "cognate.env.database" -}}
- name: COGNATE_DB_HOST
  value: {{ .Values.postgresql.host | quote }}
- name: COGNATE_DB_PORT
  value: {{ .Values.postgresql.port | quote }}
- name: COGNATE_DB_NAME
  value: {{ .Values.postgresql.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ .Values.postgresql.username | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret | quote }}
      key: {{ .Values.postgresql.passwordKey | quote }}
{{- end -}}

{{- define "cognate.env.redis" -}}
- name: QUARKUS_REDIS_HOSTS
  value: {{ .Values.redis.url | quote }}
{{- if .Values.redis.existingSecret }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret | quote }}
      key: {{ .Values.redis.passwordKey | quote }}
{{- end }}
{{- end -}}

{{- define "cognate.env.kafka" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
{{- end -}}

{{- define "cognate.env.masterKey" -}}
- name: COGNATE_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.masterKey.existingSecret | quote }}
      key: {{ .Values.masterKey.key | quote }}
{{- if .Values.masterKey.previousKeysKey }}
{{- /* During a rotation: keys that only open values sealed before it (libs/secrets MasterKeyCipher's key ring). */}}
- name: COGNATE_MASTER_KEY_PREVIOUS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.masterKey.existingSecret | quote }}
      key: {{ .Values.masterKey.previousKeysKey | quote }}
{{- end }}
{{- end -}}

{{- define "cognate.env.operatorKeys" -}}
- name: COGNATE_OPERATOR_ACCESS_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.operatorKeys.existingSecret | quote }}
      key: {{ .Values.operatorKeys.key | quote }}
{{- end -}}

{{- define "cognate.env.region" -}}
- name: COGNATE_REGION
  value: {{ .Values.region | quote }}
- name: COGNATE_ACCOUNT_ID
  value: {{ .Values.accountId | quote }}
{{- end -}}

{{/* Environment shared by every service: its port, the proxies it believes, how long it drains on shutdown. */}}
{{- define "cognate.env.common" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
- name: QUARKUS_HTTP_PORT
  value: {{ $component.port | quote }}
- name: QUARKUS_HTTP_PROXY_TRUSTED_PROXIES
  value: {{ join "," $root.Values.trustedProxies | quote }}
- name: QUARKUS_SHUTDOWN_TIMEOUT
  value: {{ printf "%ds" (sub (int $root.Values.terminationGracePeriodSeconds) 10 | int) | quote }}
- name: COGNATE_LOG_JSON
  value: {{ $root.Values.jsonLogs | quote }}
{{- /* The image's run-java.sh adds no heap or GC options of its own when JAVA_OPTS is set; the collector goes in
     GC_CONTAINER_OPTIONS, which replaces its default (parallel) one. */}}
- name: JAVA_OPTS
  value: {{ include "cognate.jvmOptions" (list $root $component) | quote }}
- name: GC_CONTAINER_OPTIONS
  value: {{ $root.Values.jvm.gc | quote }}
{{- if $root.Values.tracing.enabled }}
{{- /* Traces are off unless enabled (libs/observability's defaults): the SDK on, spans to the collector over OTLP gRPC. */}}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  value: {{ required "tracing.otlpEndpoint is required when tracing.enabled" $root.Values.tracing.otlpEndpoint | quote }}
- name: QUARKUS_OTEL_TRACES_SAMPLER_ARG
  value: {{ $root.Values.tracing.samplerRatio | toString | quote }}
{{- end }}
{{- end -}}

{{- define "cognate.env.userPool" -}}
{{ include "cognate.env.database" . }}
{{ include "cognate.env.redis" . }}
{{ include "cognate.env.kafka" . }}
{{ include "cognate.env.region" . }}
{{ include "cognate.env.masterKey" . }}
{{ include "cognate.env.operatorKeys" . }}
- name: COGNATE_PUBLIC_BASE_URL
  value: {{ include "cognate.idpUrl" . | quote }}
- name: COGNATE_IMPORT_PUBLIC_BASE_URL
  value: {{ include "cognate.idpUrl" . | quote }}
- name: COGNATE_HOSTED_UI_BASE_URL
  value: {{ include "cognate.loginUrl" . | quote }}
- name: COGNATE_HOSTED_UI_PREFIX_DOMAIN_TEMPLATE
  value: {{ include "cognate.poolDomainTemplate" . | quote }}
- name: COGNATE_HOSTED_UI_CUSTOM_DOMAIN_TARGET
  value: {{ .Values.ingress.hosts.login | quote }}
- name: COGNATE_INTERNAL_API_PORT
  value: {{ .Values.userPool.internalApi.port | quote }}
- name: QUARKUS_REST_CLIENT_TRIGGER_RUNNER_URL
  value: {{ printf "http://%s:%s" (include "cognate.componentName" (list . (dict "name" "trigger-runner"))) (include "cognate.triggerRunnerInternalPort" .) | quote }}
{{- with .Values.userPool.triggerHttpHosts }}
- name: COGNATE_TRIGGERS_ALLOWED_HTTP_HOSTS
  value: {{ join "," . | quote }}
{{- end }}
{{- with .Values.userPool.customSenderPublicKey }}
- name: COGNATE_TRIGGERS_CUSTOM_SENDER_PUBLIC_KEY
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
hosted-ui-service keeps its sessions in Redis (no database, no Kafka) and asks user-pool-service for everything else: the
internal API (clients, branding, the sign-in engine) on its internal port, the pools' signing keys (JWKS) on the public
port. No credential guards the internal API: its own port, never in the Ingress, and the NetworkPolicy that lets only
hosted-ui-service reach it do.
*/}}
{{- define "cognate.env.hostedUi" -}}
{{- $userPool := include "cognate.componentName" (list . (dict "name" "user-pool-service")) -}}
{{ include "cognate.env.redis" . }}
- name: QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL
  value: {{ printf "http://%s:%d" $userPool (int .Values.userPool.internalApi.port) | quote }}
- name: QUARKUS_REST_CLIENT_USER_POOL_URL
  value: {{ printf "http://%s:8081" $userPool | quote }}
- name: COGNATE_ISSUER_BASE_URL
  value: {{ include "cognate.idpUrl" . | quote }}
- name: COGNATE_PAGES_HSTS_ENABLED
  value: {{ and .Values.hostedUi.hsts .Values.ingress.tls.enabled | quote }}
{{- end -}}

{{/*
identity-pool-service verifies user-pool ID tokens against the user pools' public issuer (discovery and JWKS at the idp
host) and, for providers with ServerSideTokenCheck, asks user-pool-service's internal API (its internal port), seals vended session tokens and its identity-token signing keys under the master key, and names its own public
URL as the identity tokens' issuer.
*/}}
{{- define "cognate.env.identityPool" -}}
{{ include "cognate.env.database" . }}
{{ include "cognate.env.redis" . }}
{{ include "cognate.env.kafka" . }}
{{ include "cognate.env.region" . }}
{{ include "cognate.env.masterKey" . }}
{{ include "cognate.env.operatorKeys" . }}
- name: COGNATE_LOGINS_USER_POOL_ISSUER_BASE_URL
  value: {{ include "cognate.idpUrl" . | quote }}
- name: QUARKUS_REST_CLIENT_USER_POOL_INTERNAL_URL
  value: {{ printf "http://%s:%d" (include "cognate.componentName" (list . (dict "name" "user-pool-service"))) (int .Values.userPool.internalApi.port) | quote }}
- name: COGNATE_IDENTITY_TOKENS_ISSUER
  value: {{ include "cognate.identityUrl" . | quote }}
{{- with .Values.identityPool.samlProviders }}
{{- $entries := list }}
{{- range . }}
{{- $entries = append $entries (printf "%s=%s" .arn .metadataUrl) }}
{{- end }}
- name: COGNATE_LOGIN_PROVIDERS_SAML_METADATA
  value: {{ join "," $entries | quote }}
{{- end }}
{{- end -}}

{{- define "cognate.env.triggerRunner" -}}
{{ include "cognate.env.database" . }}
{{ include "cognate.env.redis" . }}
{{ include "cognate.env.kafka" . }}
{{ include "cognate.env.masterKey" . }}
- name: COGNATE_INTERNAL_API_PORT
  value: {{ include "cognate.triggerRunnerInternalPort" . | quote }}
- name: COGNATE_DELIVERY_EMAIL_MODE
  value: smtp
- name: COGNATE_DELIVERY_EMAIL_FROM
  value: {{ .Values.smtp.from | quote }}
- name: QUARKUS_MAILER_HOST
  value: {{ .Values.smtp.host | quote }}
- name: QUARKUS_MAILER_PORT
  value: {{ .Values.smtp.port | quote }}
{{- if .Values.smtp.username }}
- name: QUARKUS_MAILER_USERNAME
  value: {{ .Values.smtp.username | quote }}
{{- end }}
{{- if .Values.smtp.existingSecret }}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.smtp.existingSecret | quote }}
      key: {{ .Values.smtp.passwordKey | quote }}
{{- end }}
{{- end -}}

{{/* One component's JVM options: its heap, the processor count, the common options (values.yaml, jvm). */}}
{{- define "cognate.jvmOptions" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $values := index $root.Values $component.key -}}
{{- $options := list (printf "-Xmx%s" $values.maxHeap) (printf "-XX:ActiveProcessorCount=%d" (int $root.Values.jvm.activeProcessorCount)) $root.Values.jvm.gc -}}
{{- join " " (concat $options $root.Values.jvm.options) -}}
{{- end -}}
