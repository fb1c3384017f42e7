// The dashboard's only way to the server: the public /v1 API with the session cookie.
// Adds the CSRF header to state-changing calls and turns the error envelope
// `{"error": {"code", "message", "requestId"}}` into a thrown ApiError. `api()` is typed by the
// routes themselves: web/src/api/generated.ts comes from /openapi.json (`npm run gen:api-types`).

import type { ApiBody, ApiMethod, ApiParams, ApiPath, ApiQuery, ApiResponse } from "./api/generated";

/** The signed-in person, their workspaces and the CSRF token, as `GET /v1/auth/session` answers. */
export type Session = ApiResponse<"/v1/auth/session", "get">;
export type User = Session["user"];
export type WorkspaceMembership = Session["workspaces"][number];
export type Workspace = ApiResponse<"/v1/workspace", "get">;

/**
 * `T`, a narrower shape the dashboard builds, which must be one the API takes (`U`, from
 * generated.ts): the compile breaks when the API stops taking it.
 */
export type OneOf<U, T extends U> = T;

/** A field the server refused, e.g. `{field: "components.1.text", message: "..."}`. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details: FieldIssue[] = [],
    /** `details` as the server sent it, when it is not a list of field issues (e.g. the WABAs to choose from). */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let csrfToken: string | undefined;
let onUnauthenticated: (() => void) | undefined;
let onNeedsReconnect: (() => void) | undefined;

/** Called when any call answers 401 UNAUTHENTICATED (the session expired or was revoked). */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** Called when any call answers CONNECTION_NEEDS_RECONNECT (Meta rejected the workspace's token). */
export function setNeedsReconnectHandler(handler: (() => void) | undefined): void {
  onNeedsReconnect = handler;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach the Wharf server. Check that it is running and try again.");
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw failure(response.status, payload);
  if (payload === undefined) {
    throw new ApiError(response.status, "INVALID_RESPONSE", "The server sent a response the dashboard could not read.");
  }
  return payload as T;
}

/** A query value as the dashboard holds it; `undefined`, `null` and `""` are left out of the URL. */
type QueryValue = string | number | boolean | null | undefined;
type Verb<P extends ApiPath> = Uppercase<ApiMethod<P>>;
type Op<P extends ApiPath, V extends Verb<P>> = Lowercase<V> & ApiMethod<P>;
export interface CallOptions<P extends ApiPath, V extends Verb<P>> {
  /** Fills the path's `{name}` parts, each URI-encoded. */
  params?: { [K in keyof ApiParams<P, Op<P, V>>]: string };
  query?: { [K in keyof ApiQuery<P, Op<P, V>>]?: QueryValue };
  body?: ApiBody<P, Op<P, V>>;
}

/** The URL of a route: `{name}` parts filled and encoded, the query appended. */
export function urlOf(
  path: string,
  params: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`urlOf: no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * A call to a /v1 route by its documented path (`"/v1/users/{id}"`): the body, path parameters,
 * query and answer are the generated types of that route, so the dashboard compiles only against
 * what the server declares.
 */
export function api<P extends ApiPath, V extends Verb<P>>(
  method: V,
  path: P,
  options: CallOptions<P, V> = {},
): Promise<ApiResponse<P, Op<P, V>>> {
  return request<ApiResponse<P, Op<P, V>>>(method as Method, urlOf(path, options.params, options.query), options.body);
}

/**
 * Sends a file as the raw request body with XMLHttpRequest, whose upload events (unlike fetch's)
 * report progress: `onProgress` gets the fraction sent, 0 to 1.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && payload !== undefined) resolve(payload as T);
      else reject(failure(xhr.status, payload));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "NETWORK_ERROR", "The upload was interrupted. Check the connection and try again."));
    xhr.send(file);
  });
}

function failure(status: number, payload: unknown): ApiError {
  const error = toApiError(status, payload);
  if (error.code === "UNAUTHENTICATED") onUnauthenticated?.();
  if (error.code === "CONNECTION_NEEDS_RECONNECT") onNeedsReconnect?.();
  return error;
}

function isFieldIssue(value: unknown): value is FieldIssue {
  const issue = value as { field?: unknown; message?: unknown } | null | undefined;
  return typeof issue?.field === "string" && typeof issue?.message === "string";
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (
    payload as { error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown } } | undefined
  )?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    const details = Array.isArray(error.details) ? (error.details as unknown[]).filter(isFieldIssue) : [];
    return new ApiError(
      status,
      error.code,
      error.message,
      typeof error.requestId === "string" ? error.requestId : undefined,
      details,
      error.details,
    );
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status} without an explanation. Try again.`);
}

function remember(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

export const auth = {
  session: () => api("GET", "/v1/auth/session").then(remember),
  login: (email: string, password: string) =>
    api("POST", "/v1/auth/login", { body: { email, password } }).then(remember),
  switchWorkspace: (workspaceId: string) => api("POST", "/v1/auth/workspace", { body: { workspaceId } }).then(remember),
  /** A new account from an invitation link; the answer is a session, as after a login. */
  acceptInvitation: (token: string, name: string, password: string) =>
    api("POST", "/v1/invitations/accept", { body: { token, name, password } }).then(remember),
  /** After accepting an invitation from a session: the session now lists the new workspace. */
  adopt: (session: Session) => remember(session),
  async logout(): Promise<void> {
    try {
      await api("POST", "/v1/auth/logout");
    } catch (error) {
      // A session that has already ended is as logged out as it gets.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    csrfToken = undefined;
  },
};

export const getWorkspace = () => api("GET", "/v1/workspace");
export const updateWorkspace = (settings: ApiBody<"/v1/workspace", "patch">) =>
  api("PATCH", "/v1/workspace", { body: settings });

/** The message to show a user for anything a call may throw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
