import { request, type Session } from "./api";

// Settings → Team: members, invitations, API keys and one's own password. An invitation's link is
// shown once, to pass on; Wharf sends no email.

export type Role = "owner" | "admin" | "agent";

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: "pending";
  createdAt: string;
  expiresAt: string;
}

export interface MyInvitation {
  id: string;
  workspace: { id: string; name: string };
  role: Role;
  expiresAt: string;
}

export interface ApiKey {
  id: string;
  label: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const teamApi = {
  members: () => request<{ data: Member[] }>("GET", "/v1/users").then((r) => r.data),
  changeRole: (id: string, role: Role) => request<Member>("PATCH", `/v1/users/${encodeURIComponent(id)}`, { role }),
  remove: (id: string) => request<void>("DELETE", `/v1/users/${encodeURIComponent(id)}`),
  invitations: () => request<{ data: Invitation[] }>("GET", "/v1/invitations").then((r) => r.data),
  invite: (email: string, role: Role) =>
    request<Invitation & { acceptUrl: string }>("POST", "/v1/invitations", { email, role }),
  revokeInvitation: (id: string) => request<void>("DELETE", `/v1/invitations/${encodeURIComponent(id)}`),
  myInvitations: () => request<{ data: MyInvitation[] }>("GET", "/v1/auth/invitations").then((r) => r.data),
  acceptMine: (id: string) => request<Session>("POST", `/v1/auth/invitations/${encodeURIComponent(id)}/accept`),
  apiKeys: () => request<{ data: ApiKey[] }>("GET", "/v1/api-keys").then((r) => r.data),
  createApiKey: (label: string) => request<ApiKey & { apiKey: string }>("POST", "/v1/api-keys", { label }),
  revokeApiKey: (id: string) => request<void>("DELETE", `/v1/api-keys/${encodeURIComponent(id)}`),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>("POST", "/v1/auth/password", { currentPassword, newPassword }),
};
