import { api, uploadFile } from "./api";
import type { ApiBody, ApiResponse } from "./api/generated";

// Message templates as Wharf stores them (Meta's components, Meta's review status) and the
// resumable upload that turns a header sample file into Meta's handle.

/** A template as Wharf stores it: Meta's components and review status (`status`, `reason`, `qualityScore`). */
export type Template = ApiResponse<"/v1/templates/{id}", "get">;
export type ParameterFormat = Template["parameterFormat"];
/** A component in Meta's format (upper-case types, `example`). */
export type TemplateComponent = Template["components"][number];
export type TemplateButton = NonNullable<TemplateComponent["buttons"]>[number];
export type NamedExample = NonNullable<NonNullable<TemplateComponent["example"]>["body_text_named_params"]>[number];
export type TemplateSyncState = ApiResponse<"/v1/templates", "get">["sync"];
/** POST /v1/templates' body, its components built as the API shows them (each is one the body takes). */
export type NewTemplate = Omit<ApiBody<"/v1/templates", "post">, "components"> & { components: TemplateComponent[] };
export type TemplateCategory = NewTemplate["category"];
/** Meta's handle for a header sample, from the resumable upload. */
export type HeaderSample = ApiResponse<"/v1/media/uploads", "post">;

export const templatesApi = {
  list: () => api("GET", "/v1/templates", { query: { limit: 500 } }),
  approved: () => api("GET", "/v1/templates", { query: { status: "APPROVED", limit: 500 } }).then((page) => page.data),
  create: (template: NewTemplate) => api("POST", "/v1/templates", { body: template }),
  sync: () => api("POST", "/v1/templates/sync"),
  /** Deletes the name in every language. */
  remove: (name: string) => api("DELETE", "/v1/templates/{name}", { params: { name } }),
  uploadSample: (file: File, onProgress: (fraction: number) => void) =>
    uploadFile<HeaderSample>(`/v1/media/uploads?fileName=${encodeURIComponent(file.name)}`, file, onProgress),
};
