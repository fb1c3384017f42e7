import { request, uploadFile } from "./api";

// Message templates as Wharf stores them (Meta's components, Meta's review status) and the
// resumable upload that turns a header sample file into Meta's handle.

export type TemplateCategory = "UTILITY" | "MARKETING" | "AUTHENTICATION";
export type ParameterFormat = "POSITIONAL" | "NAMED";

export interface NamedExample {
  param_name: string;
  example: string;
}

export interface TemplateButton {
  type: string; // QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ...
  text?: string;
  url?: string;
  phone_number?: string;
  example?: string[] | string;
  /** OTP buttons of authentication templates. */
  otp_type?: string; // COPY_CODE | ONE_TAP | ZERO_TAP
  autofill_text?: string;
  supported_apps?: { package_name: string; signature_hash: string }[];
}

/** A component in Meta's format. */
export interface TemplateComponent {
  type: string; // HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL
  format?: string; // TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION (headers)
  text?: string;
  example?: {
    header_text?: string[];
    header_text_named_params?: NamedExample[];
    header_handle?: string[];
    body_text?: string[][];
    body_text_named_params?: NamedExample[];
  };
  buttons?: TemplateButton[];
  /** Limited-time offer templates: the offer text and whether the expiry countdown shows. */
  limited_time_offer?: { text: string; has_expiration?: boolean };
  /** Authentication templates: Meta's preset body and footer options. */
  add_security_recommendation?: boolean;
  code_expiration_minutes?: number;
}

export interface Template {
  id: string;
  metaTemplateId: string;
  name: string;
  language: string;
  category: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ... as Meta reports it. */
  status: string;
  /** Meta's reason for REJECTED, PAUSED or DISABLED. */
  reason: string | null;
  /** Meta's quality score (GREEN, YELLOW, RED, UNKNOWN), from its quality webhook or a sync. */
  qualityScore: string | null;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
  createdAt: string;
  updatedAt: string;
  syncedAt: string | null;
}

export interface TemplateSyncState {
  wabaId: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export interface NewTemplate {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
}

export interface HeaderSample {
  handle: string;
  fileName: string;
  fileType: string;
  fileLength: number;
}

interface SyncResult {
  listed: number;
  added: number;
  changed: number;
  removed: number;
  sync: TemplateSyncState;
}

export const templatesApi = {
  list: () => request<{ data: Template[]; sync: TemplateSyncState }>("GET", "/v1/templates?limit=500"),
  approved: () =>
    request<{ data: Template[] }>("GET", "/v1/templates?status=APPROVED&limit=500").then((page) => page.data),
  create: (template: NewTemplate) => request<Template>("POST", "/v1/templates", template),
  sync: () => request<SyncResult>("POST", "/v1/templates/sync"),
  /** Deletes the name in every language. */
  remove: (name: string) =>
    request<{ deleted: { id: string; language: string }[] }>("DELETE", `/v1/templates/${encodeURIComponent(name)}`),
  uploadSample: (file: File, onProgress: (fraction: number) => void) =>
    uploadFile<HeaderSample>(`/v1/media/uploads?fileName=${encodeURIComponent(file.name)}`, file, onProgress),
};
