import { useState, type ChangeEvent } from "react";
import { auth, messageOf, type Session } from "./api";
import { useConnectionPolling } from "./connection-status";
import { ConnectionPage } from "./pages/connection-page";
import { CampaignsPage } from "./pages/campaigns-page";
import { FeaturePage, PAGE_TITLES } from "./pages/feature-page";
import { InboxPage } from "./pages/inbox-page";
import { TeamPage } from "./pages/team-page";
import { TemplatesPage } from "./pages/templates-page";
import { ReconnectBanner } from "./reconnect-banner";
import { href, useRoute, type Route } from "./router";

interface Props {
  session: Session;
  onSessionChange: (session: Session) => void;
  onLoggedOut: () => void;
}

const MAIN_NAV: Route[] = ["inbox", "campaigns", "templates", "catalog"];
const SETTINGS_NAV: Route[] = ["settings/whatsapp", "settings/team"];

/** The signed-in frame: header with workspace switcher and user, navigation, the current page. */
export function Shell({ session, onSessionChange, onLoggedOut }: Props) {
  const route = useRoute();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const active = session.workspaces.find((workspace) => workspace.id === session.activeWorkspaceId);
  const canManage = active?.role === "owner" || active?.role === "admin";
  useConnectionPolling(session.activeWorkspaceId);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const switchWorkspace = (event: ChangeEvent<HTMLSelectElement>) => {
    const workspaceId = event.target.value;
    return run(async () => onSessionChange(await auth.switchWorkspace(workspaceId)));
  };
  const logout = () =>
    run(async () => {
      await auth.logout();
      onLoggedOut();
    });

  const navLink = (target: Route) => (
    <li key={target}>
      <a href={href(target)} aria-current={target === route ? "page" : undefined}>
        {PAGE_TITLES[target]}
      </a>
    </li>
  );

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Wharf</span>
        <label className="workspace-switcher">
          <span>Workspace</span>
          <select value={session.activeWorkspaceId} onChange={switchWorkspace} disabled={busy}>
            {session.workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </label>
        {active && <span className="role">{active.role}</span>}
        <span className="user" title={session.user.email}>
          {session.user.name || session.user.email}
        </span>
        <button className="button" type="button" onClick={logout} disabled={busy}>
          Log out
        </button>
      </header>
      <div className="banners">
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <ReconnectBanner canManage={canManage} />
      </div>
      <nav className="sidebar" aria-label="Main">
        <ul>{MAIN_NAV.map(navLink)}</ul>
        <p className="nav-group" id="nav-settings">
          Settings
        </p>
        <ul aria-labelledby="nav-settings">{SETTINGS_NAV.map(navLink)}</ul>
      </nav>
      {/* Keyed by workspace: a switch starts every page afresh (state, polling, event stream). */}
      <main className={`content${route === "inbox" ? " wide" : ""}`} id="content" key={session.activeWorkspaceId}>
        {route === "settings/team" ? (
          <TeamPage
            session={session}
            workspaceName={active?.name ?? ""}
            canManage={canManage}
            onSessionChange={onSessionChange}
          />
        ) : (
          <Page
            route={route}
            workspaceId={session.activeWorkspaceId}
            workspaceName={active?.name ?? ""}
            canManage={canManage}
            isOwner={active?.role === "owner"}
          />
        )}
      </main>
    </div>
  );
}

function Page({
  route,
  ...props
}: {
  route: Exclude<Route, "settings/team">;
  workspaceId: string;
  workspaceName: string;
  canManage: boolean;
  isOwner: boolean;
}) {
  switch (route) {
    case "inbox":
      return <InboxPage {...props} />;
    case "campaigns":
      return <CampaignsPage {...props} />;
    case "templates":
      return <TemplatesPage {...props} />;
    case "settings/whatsapp":
      return <ConnectionPage workspaceName={props.workspaceName} canManage={props.canManage} isOwner={props.isOwner} />;
    case "catalog":
      return <FeaturePage route={route} workspaceName={props.workspaceName} />;
  }
}
