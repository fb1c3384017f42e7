import { api } from "./api";
import type { ApiResponse } from "./api/generated";

// Settings → Team: members, invitations, API keys and one's own password. An invitation's link is
// shown once, to pass on; Wharf sends no email.

export type Member = ApiResponse<"/v1/users", "get">["data"][number];
export type Role = Member["role"];
export type Invitation = ApiResponse<"/v1/invitations", "get">["data"][number];
export type MyInvitation = ApiResponse<"/v1/auth/invitations", "get">["data"][number];
export type ApiKey = ApiResponse<"/v1/api-keys", "get">["data"][number];

export const teamApi = {
  members: () => api("GET", "/v1/users").then((r) => r.data),
  changeRole: (id: string, role: Role) => api("PATCH", "/v1/users/{id}", { params: { id }, body: { role } }),
  remove: (id: string) => api("DELETE", "/v1/users/{id}", { params: { id } }),
  invitations: () => api("GET", "/v1/invitations").then((r) => r.data),
  invite: (email: string, role: Role) => api("POST", "/v1/invitations", { body: { email, role } }),
  revokeInvitation: (id: string) => api("DELETE", "/v1/invitations/{id}", { params: { id } }),
  myInvitations: () => api("GET", "/v1/auth/invitations").then((r) => r.data),
  acceptMine: (id: string) => api("POST", "/v1/auth/invitations/{id}/accept", { params: { id } }),
  apiKeys: () => api("GET", "/v1/api-keys").then((r) => r.data),
  createApiKey: (label: string) => api("POST", "/v1/api-keys", { body: { label } }),
  revokeApiKey: (id: string) => api("DELETE", "/v1/api-keys/{id}", { params: { id } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api("POST", "/v1/auth/password", { body: { currentPassword, newPassword } }),
};
