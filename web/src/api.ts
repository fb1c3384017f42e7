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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
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
  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (error.code === "UNAUTHENTICATED") onUnauthenticated?.();
    if (error.code === "CONNECTION_NEEDS_RECONNECT") onNeedsReconnect?.();
    throw error;
  }
  if (payload === undefined) {
    throw new ApiError(response.status, "INVALID_RESPONSE", "The server sent a response the dashboard could not read.");
  }
  return payload as T;
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | undefined)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    return new ApiError(status, error.code, error.message, typeof error.requestId === "string" ? error.requestId : undefined);
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
