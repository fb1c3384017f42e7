/** Dashboard users for API tests: log in, and add a member the way a real team does (invite, accept). */

export interface SessionAuth {
  cookie: string;
  csrfToken: string;
  userId: string;
  /** Headers for a state-changing request from this session. */
  headers: Record<string, string>;
}

export async function login(url: string, email: string, password: string): Promise<SessionAuth> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res);
}

async function sessionFrom(res: Response): Promise<SessionAuth> {
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return {
    cookie,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    headers: { cookie, "x-csrf-token": body.csrfToken },
  };
}

/** Invites `email` with the workspace's API key and accepts through the link as a new account. */
export async function addMember(
  url: string,
  apiKey: string,
  input: { email: string; role: "owner" | "admin" | "agent"; password?: string; name?: string },
): Promise<SessionAuth> {
  const invited = await fetch(`${url}/v1/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ email: input.email, role: input.role }),
  });
  if (invited.status !== 201)
    throw new Error(`invitation of ${input.email} failed: ${invited.status} ${await invited.text()}`);
  const { acceptUrl } = (await invited.json()) as { acceptUrl: string };
  const token = tokenOf(acceptUrl);
  const accepted = await fetch(`${url}/v1/invitations/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token,
      name: input.name ?? input.email.split("@")[0],
      password: input.password ?? "a-long-password",
    }),
  });
  if (accepted.status !== 200)
    throw new Error(`accepting ${input.email} failed: ${accepted.status} ${await accepted.text()}`);
  return sessionFrom(accepted);
}

export function tokenOf(acceptUrl: string): string {
  return new URLSearchParams(acceptUrl.split("?")[1]).get("token")!;
}
