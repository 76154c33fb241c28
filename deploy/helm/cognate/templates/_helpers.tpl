{{/* Names and labels. */}}
{{- define "cognate.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cognate.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cognate.labels" -}}
{{ include "cognate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "cognate.serviceAccountName" -}}
{{- if .Values.serviceAccount.name -}}
{{- .Values.serviceAccount.name -}}
{{- else if .Values.serviceAccount.create -}}
{{- include "cognate.fullname" . -}}
{{- else -}}
default
{{- end -}}
{{- end -}}

{{/*
The four services: the values key, the component name (also the module and the image name), the HTTP port.
Every per-service template ranges over this list, so a service cannot be forgotten in one of them.
*/}}
{{- define "cognate.components" -}}
- {key: userPool, name: user-pool-service, port: 8081, public: true}
- {key: hostedUi, name: hosted-ui-service, port: 8082, public: true}
- {key: identityPool, name: identity-pool-service, port: 8083, public: true}
- {key: triggerRunner, name: trigger-runner, port: 8084, public: false}
{{- end -}}

{{/* trigger-runner's internal invoke API (user-pool-service's synchronous trigger calls): its own port, never public. */}}
{{- define "cognate.triggerRunnerInternalPort" -}}
8094
{{- end -}}

{{/* The in-cluster name of one component's Service and Deployment: "cognate.componentName" (list root component). */}}
{{- define "cognate.componentName" -}}
{{- printf "%s-%s" (include "cognate.fullname" (index . 0)) (index . 1).name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cognate.componentSelectorLabels" -}}
{{ include "cognate.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ (index . 1).name }}
{{- end -}}

{{- define "cognate.image" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $repository := (index $root.Values $component.key).image.repository -}}
{{- $tag := $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- if $root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $root.Values.image.registry) $repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Public base URLs, derived from the ingress hosts: https once the ingress terminates TLS. */}}
{{- define "cognate.scheme" -}}
{{- if .Values.ingress.tls.enabled -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{- define "cognate.idpUrl" -}}
{{- printf "%s://%s" (include "cognate.scheme" .) .Values.ingress.hosts.idp -}}
{{- end -}}

{{- define "cognate.identityUrl" -}}
{{- printf "%s://%s" (include "cognate.scheme" .) .Values.ingress.hosts.identity -}}
{{- end -}}

{{- define "cognate.loginUrl" -}}
{{- printf "%s://%s" (include "cognate.scheme" .) .Values.ingress.hosts.login -}}
{{- end -}}

{{- define "cognate.poolDomainTemplate" -}}
{{- printf "%s://{domain}.%s" (include "cognate.scheme" .) .Values.ingress.hosts.poolDomains -}}
{{- end -}}
