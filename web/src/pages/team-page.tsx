import { LANGUAGE_NAMES, locale, t, type Language } from "../i18n";
import { useEffect, useState, type FormEvent } from "react";
import { auth, messageOf, updateWorkspace, type Session } from "../api";
import { teamApi, type ApiKey, type Invitation, type Member, type MyInvitation, type Role } from "../team-api";
import { usePageTitle } from "./feature-page";
import { textField } from "../form-data";

interface Props {
  session: Session;
  workspaceName: string;
  canManage: boolean;
  onSessionChange: (session: Session) => void;
}

const ROLES: Role[] = ["owner", "admin", "agent"];
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale()) : t("common.never"));

/** Settings → Team: members and their roles, invitations, API keys, and one's own password. */
export function TeamPage({ session, workspaceName, canManage, onSessionChange }: Props) {
  usePageTitle(t("page.settings/team"), workspaceName);
  const myRole = session.workspaces.find((w) => w.id === session.activeWorkspaceId)?.role;
  return (
    <>
      <h1>{t("page.settings/team")}</h1>
      {canManage && (
        <WorkspaceSection
          key={`${workspaceName}|${session.workspaceSettings.timeZone}|${session.workspaceSettings.defaultLanguage}`}
          session={session}
          workspaceName={workspaceName}
          onSessionChange={onSessionChange}
        />
      )}
      <MembersSection session={session} canManage={canManage} myRole={myRole} onSessionChange={onSessionChange} />
      {canManage && <InvitationsSection myRole={myRole} />}
      <MyInvitationsSection onSessionChange={onSessionChange} />
      {myRole === "owner" && <ApiKeysSection />}
      <PasswordSection />
    </>
  );
}

/** Loads a list, and runs actions that change it: each clears the error, reloads after, or shows why it failed. */
function useLoad<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (v) => !cancelled && setValue(v),
      (caught: unknown) => !cancelled && setError(messageOf(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [round]);
  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      setRound((r) => r + 1);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  return { value, error, setError, act };
}

function Alert({ text }: { text: string | undefined }) {
  return text ? (
    <p className="alert" role="alert">
      {text}
    </p>
  ) : null;
}

function MembersSection({
  session,
  canManage,
  myRole,
  onSessionChange,
}: {
  session: Session;
  canManage: boolean;
  myRole: Role | undefined;
  onSessionChange: (s: Session) => void;
}) {
  const { value: members, error, setError, act } = useLoad(teamApi.members);
  const leave = async (m: Member) => {
    try {
      await teamApi.remove(m.id);
      // The session lost this workspace: read it again (it falls back to another one, or logs out).
      onSessionChange(await auth.session());
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  const mayTouch = (m: Member) => canManage && (myRole === "owner" || m.role !== "owner");
  return (
    <section className="card panel" aria-labelledby="members-title">
      <h2 id="members-title">{t("team.members")}</h2>
      <Alert text={error} />
      {members === undefined ? (
        !error && <p className="muted">{t("team.loading")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="members-title">
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("team.email")}</th>
                <th scope="col">{t("team.role")}</th>
                <th scope="col">{t("team.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{m.email}</td>
                  <td>
                    {mayTouch(m) && m.id !== session.user.id ? (
                      <select
                        aria-label={t("team.roleOf", { email: m.email })}
                        value={m.role}
                        onChange={(e) => act(() => teamApi.changeRole(m.id, e.target.value as Role))}
                      >
                        {ROLES.filter((r) => myRole === "owner" || r !== "owner").map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`role.${m.role}`)
                    )}
                  </td>
                  <td>
                    {m.id === session.user.id ? (
                      <button className="button" type="button" onClick={() => leave(m)}>
                        {t("team.leave")}
                      </button>
                    ) : (
                      mayTouch(m) && (
                        <button className="button" type="button" onClick={() => act(() => teamApi.remove(m.id))}>
                          {t("team.remove")}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InvitationsSection({ myRole }: { myRole: Role | undefined }) {
  const { value: invitations, error, act } = useLoad(teamApi.invitations);
  const [link, setLink] = useState<{ email: string; url: string }>();
  function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    return act(async () => {
      const created = await teamApi.invite(textField(data, "email"), textField(data, "role") as Role);
      setLink({ email: created.email, url: created.acceptUrl });
      form.reset();
    });
  }
  const revoke = (i: Invitation) => act(() => teamApi.revokeInvitation(i.id));
  return (
    <section className="card panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("team.invite.title")}</h2>
      <p className="muted">{t("team.invite.intro")}</p>
      <Alert text={error} />
      <form className="inline-form" onSubmit={invite}>
        <label className="field">
          <span>{t("team.email")}</span>
          <input name="email" type="email" required maxLength={320} />
        </label>
        <label className="field">
          <span>{t("team.role")}</span>
          <select name="role" defaultValue="agent">
            {ROLES.filter((r) => myRole === "owner" || r !== "owner").map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button className="button primary" type="submit">
          {t("team.invite.button")}
        </button>
      </form>
      {link && (
        <div className="notice" role="status">
          <p>{t("team.invite.sendLink", { email: link.email })}</p>
          <input
            className="copy-field"
            aria-label={t("team.invite.link")}
            readOnly
            value={link.url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {invitations && invitations.length > 0 && (
        <>
          <h3>{t("team.invite.open")}</h3>
          <ul className="plain-list" aria-label={t("team.invite.open")}>
            {invitations.map((i) => (
              <li key={i.id}>
                {t("team.invite.item", { email: i.email, role: t(`role.${i.role}`), time: when(i.expiresAt) })}{" "}
                <button className="button" type="button" onClick={() => revoke(i)}>
                  {t("team.revoke")}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MyInvitationsSection({ onSessionChange }: { onSessionChange: (s: Session) => void }) {
  const { value: mine, error, act } = useLoad<MyInvitation[]>(teamApi.myInvitations);
  if (!mine || mine.length === 0) return error ? <Alert text={error} /> : null;
  const accept = (i: MyInvitation) => act(async () => onSessionChange(auth.adopt(await teamApi.acceptMine(i.id))));
  return (
    <section className="card panel" aria-labelledby="mine-title">
      <h2 id="mine-title">{t("team.mine.title")}</h2>
      <Alert text={error} />
      <ul className="plain-list">
        {mine.map((i) => (
          <li key={i.id}>
            {t("team.mine.item", { workspace: i.workspace.name, role: t(`role.${i.role}`) })}{" "}
            <button className="button primary" type="button" onClick={() => accept(i)}>
              {t("team.mine.accept")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ApiKeysSection() {
  const { value: keys, error, act } = useLoad<ApiKey[]>(teamApi.apiKeys);
  const [created, setCreated] = useState<{ label: string; key: string }>();
  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    return act(async () => {
      const key = await teamApi.createApiKey(textField(new FormData(form), "label"));
      setCreated({ label: key.label, key: key.apiKey });
      form.reset();
    });
  }
  const revoke = (k: ApiKey) => act(() => teamApi.revokeApiKey(k.id));
  return (
    <section className="card panel" aria-labelledby="keys-title">
      <h2 id="keys-title">{t("team.keys.title")}</h2>
      <p className="muted">{t("team.keys.intro")}</p>
      <Alert text={error} />
      <form className="inline-form" onSubmit={create}>
        <label className="field">
          <span>{t("team.keys.label")}</span>
          <input name="label" required maxLength={80} placeholder={t("team.keys.labelPlaceholder")} />
        </label>
        <button className="button primary" type="submit">
          {t("team.keys.create")}
        </button>
      </form>
      {created && (
        <div className="notice" role="status">
          <p>{t("team.keys.created", { label: created.label })}</p>
          <input
            className="copy-field"
            aria-label={t("team.keys.new")}
            readOnly
            value={created.key}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {keys && (
        <div className="table-scroll">
          <table aria-labelledby="keys-title">
            <thead>
              <tr>
                <th scope="col">{t("team.keys.label")}</th>
                <th scope="col">{t("team.keys.endsWith")}</th>
                <th scope="col">{t("common.created")}</th>
                <th scope="col">{t("team.keys.lastUsed")}</th>
                <th scope="col">{t("team.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.label || t("team.keys.noLabel")}</th>
                  <td>…{k.hint}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      t("team.keys.revoked", { time: when(k.revokedAt) })
                    ) : (
                      <button className="button" type="button" onClick={() => revoke(k)}>
                        {t("team.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The time zones Intl knows (every IANA name), with UTC first; a browser without the list offers UTC and the current one. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...new Set([current, ...known])].filter((z, i, all) => all.indexOf(z) === i);
}

/**
 * Owners and admins set the workspace's name, its time zone (the default of schedules and
 * time-of-day waits) and its default language (for members whose browser speaks none of the
 * dashboard's); the navigation shows a new name at once.
 */
function WorkspaceSection(props: {
  session: Session;
  workspaceName: string;
  onSessionChange: (session: Session) => void;
}) {
  const settings = props.session.workspaceSettings;
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      const saved = await updateWorkspace({
        name: textField(data, "name"),
        timeZone: textField(data, "timeZone"),
        defaultLanguage: textField(data, "defaultLanguage") as Language,
      });
      props.onSessionChange(await auth.session());
      setMessage({ ok: true, text: t("team.workspace.saved", { name: saved.name }) });
    } catch (caught) {
      setMessage({ ok: false, text: messageOf(caught) });
    }
  }
  return (
    <section className="card panel" aria-labelledby="workspace-title">
      <h2 id="workspace-title">{t("shell.workspace")}</h2>
      {message && (
        <p className={message.ok ? "notice" : "alert"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      <form className="inline-form" onSubmit={save}>
        <label className="field">
          <span>{t("common.name")}</span>
          <input name="name" defaultValue={props.workspaceName} required maxLength={120} />
        </label>
        <label className="field">
          <span>{t("team.workspace.timeZone")}</span>
          <select name="timeZone" defaultValue={settings.timeZone}>
            {timeZones(settings.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("team.workspace.defaultLanguage")}</span>
          <select name="defaultLanguage" defaultValue={settings.defaultLanguage}>
            {Object.entries(LANGUAGE_NAMES).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button className="button primary" type="submit">
          {t("team.workspace.save")}
        </button>
      </form>
      <p className="muted">{t("team.workspace.explain")}</p>
    </section>
  );
}

function PasswordSection() {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  async function change(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    try {
      await teamApi.changePassword(textField(data, "current"), textField(data, "next"));
      form.reset();
      setMessage({ ok: true, text: t("team.password.changed") });
    } catch (caught) {
      setMessage({ ok: false, text: messageOf(caught) });
    }
  }
  return (
    <section className="card panel" aria-labelledby="password-title">
      <h2 id="password-title">{t("team.password.title")}</h2>
      {message && (
        <p className={message.ok ? "notice" : "alert"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      <form className="inline-form" onSubmit={change}>
        <label className="field">
          <span>{t("team.password.current")}</span>
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label className="field">
          <span>{t("team.password.new")}</span>
          <input name="next" type="password" autoComplete="new-password" required minLength={10} />
        </label>
        <button className="button primary" type="submit">
          {t("team.password.change")}
        </button>
      </form>
    </section>
  );
}
