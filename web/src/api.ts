// The dashboard's only way to the server: the public /v1 API with the session cookie.
// Adds the CSRF header to state-changing calls and turns the error envelope
// `{"error": {"code", "message", "requestId"}}` into a thrown ApiError.

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface WorkspaceMembership {
  id: string;
  name: string;
  role: string; // "owner" | "admin" | "agent"
}

export interface Session {
  user: User;
  workspaces: WorkspaceMembership[];
  activeWorkspaceId: string;
  csrfToken: string;
}

export interface Workspace {
  id: string;
  name: string;
}

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
    );
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status} without an explanation. Try again.`);
}

function remember(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

export const auth = {
  session: () => request<Session>("GET", "/v1/auth/session").then(remember),
  login: (email: string, password: string) =>
    request<Session>("POST", "/v1/auth/login", { email, password }).then(remember),
  switchWorkspace: (workspaceId: string) =>
    request<Session>("POST", "/v1/auth/workspace", { workspaceId }).then(remember),
  /** A new account from an invitation link; the answer is a session, as after a login. */
  acceptInvitation: (token: string, name: string, password: string) =>
    request<Session>("POST", "/v1/invitations/accept", { token, name, password }).then(remember),
  /** After accepting an invitation from a session: the session now lists the new workspace. */
  adopt: (session: Session) => remember(session),
  async logout(): Promise<void> {
    try {
      await request<void>("POST", "/v1/auth/logout");
    } catch (error) {
      // A session that has already ended is as logged out as it gets.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    csrfToken = undefined;
  },
};

export const getWorkspace = () => request<Workspace>("GET", "/v1/workspace");

/** The message to show a user for anything a call may throw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
