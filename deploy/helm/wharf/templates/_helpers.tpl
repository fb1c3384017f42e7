{{- define "wharf.fullname" -}}
{{ .Release.Name }}-wharf
{{- end }}

{{- define "wharf.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "wharf.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{ .Values.secrets.existingSecret }}
{{- else -}}
{{ include "wharf.fullname" . }}
{{- end -}}
{{- end }}

{{- define "wharf.labels" -}}
app.kubernetes.io/name: wharf
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "wharf.env" -}}
- name: WHARF_MODE
  value: production
- name: WHARF_PUBLIC_URL
  value: {{ required "config.publicUrl is required (the URL users and Meta reach Wharf at)" .Values.config.publicUrl | quote }}
- name: WHARF_LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
- name: WHARF_TRUST_PROXY
  value: {{ .Values.config.trustProxy | quote }}
- name: WHARF_DB_POOL_SIZE
  value: {{ .Values.config.dbPoolSize | quote }}
- name: WHARF_JOBS_CONCURRENCY
  value: {{ .Values.config.jobsConcurrency | quote }}
- name: WHARF_SHUTDOWN_DRAIN_MS
  value: {{ .Values.config.shutdownDrainMs | quote }}
- name: WHARF_SHUTDOWN_GRACE_MS
  value: {{ .Values.config.shutdownGraceMs | quote }}
- name: WHARF_GRAPH_VERSION
  value: {{ .Values.config.graphVersion | quote }}
- name: WHARF_META_APP_ID
  value: {{ required "meta.appId is required" .Values.meta.appId | quote }}
{{- if .Values.meta.configId }}
- name: WHARF_META_CONFIG_ID
  value: {{ .Values.meta.configId | quote }}
{{- end }}
- name: PORT
  value: {{ .Values.serve.port | quote }}
- name: WHARF_WORKER_PORT
  value: {{ .Values.worker.port | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.secretName" . }}
      key: DATABASE_URL
- name: WHARF_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.secretName" . }}
      key: WHARF_MASTER_KEY
- name: WHARF_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.secretName" . }}
      key: WHARF_ADMIN_TOKEN
- name: WHARF_META_APP_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.secretName" . }}
      key: WHARF_META_APP_SECRET
- name: WHARF_META_VERIFY_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "wharf.secretName" . }}
      key: WHARF_META_VERIFY_TOKEN
{{- end }}

{{- define "wharf.podSecurity" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "wharf.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}
