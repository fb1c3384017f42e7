import { useState, type ChangeEvent } from "react";
import { api, auth, messageOf, type Session } from "./api";
import { useConnectionPolling } from "./connection-status";
import { ConnectionPage } from "./pages/connection-page";
import { ContactImportPage } from "./pages/contact-import-page";
import { ContactsPage } from "./pages/contacts-page";
import { CampaignsPage } from "./pages/campaigns-page";
import { AnalyticsPage } from "./pages/analytics-page";
import { AutomationsPage } from "./pages/automations-page";
import { CatalogPage } from "./pages/catalog-page";
import { pageTitle } from "./pages/feature-page";
import { browserDefault, LANGUAGE_NAMES, t, useLanguage, type Language } from "./i18n";
import { InboxPage } from "./pages/inbox-page";
import { NumbersPage } from "./pages/numbers-page";
import { TeamPage } from "./pages/team-page";
import { TemplatesPage } from "./pages/templates-page";
import { ReconnectBanner } from "./reconnect-banner";
import { SegmentsPage } from "./pages/segments-page";
import { href, useRoute, type Route } from "./router";
import { useUnreadCount } from "./unread-count";
import { useMessageNotifications } from "./inbox-notifications";
import { Alert } from "./pages/alert";

interface Props {
  session: Session;
  onSessionChange: (session: Session) => void;
  onLoggedOut: () => void;
}

const MAIN_NAV: Route[] = [
  "inbox",
  "contacts",
  "segments",
  "campaigns",
  "automations",
  "templates",
  "catalog",
  "analytics",
  "phone-numbers",
];
const SETTINGS_NAV: Route[] = ["settings/whatsapp", "settings/team"];

/** The signed-in frame: header with workspace switcher and user, navigation, the current page. */
export function Shell({ session, onSessionChange, onLoggedOut }: Props) {
  const route = useRoute();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const active = session.workspaces.find((workspace) => workspace.id === session.activeWorkspaceId);
  const canManage = active?.role === "owner" || active?.role === "admin";
  useConnectionPolling(session.activeWorkspaceId);
  const unread = useUnreadCount(session.activeWorkspaceId);
  useMessageNotifications(session.activeWorkspaceId);
  const language = useLanguage();

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
  const chooseLanguage = (event: ChangeEvent<HTMLSelectElement>) => {
    const choice = (event.target.value || null) as Language | null;
    return run(async () => onSessionChange(await api("PATCH", "/v1/auth/me", { body: { language: choice } })));
  };
  const logout = () =>
    run(async () => {
      await auth.logout();
      onLoggedOut();
    });

  const navLink = (target: Route) => (
    <li key={target}>
      <a href={href(target)} aria-current={target === route || route.startsWith(`${target}/`) ? "page" : undefined}>
        {pageTitle(target)}
        {target === "inbox" && unread > 0 && (
          <span className="nav-badge" aria-label={t("shell.unreadConversations", { count: unread })}>
            {unread}
          </span>
        )}
      </a>
    </li>
  );

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Wharf</span>
        <label className="workspace-switcher">
          <span>{t("shell.workspace")}</span>
          <select value={session.activeWorkspaceId} onChange={switchWorkspace} disabled={busy}>
            {session.workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </label>
        {active && <span className="role">{t(`role.${active.role}`)}</span>}
        <span className="user" title={session.user.email}>
          {session.user.name || session.user.email}
        </span>
        <label className="language-switcher">
          <span>{t("shell.language")}</span>
          <select value={session.user.language ?? ""} onChange={chooseLanguage} disabled={busy}>
            <option value="">{t("shell.languageBrowser", { language: LANGUAGE_NAMES[browserDefault()] })}</option>
            {Object.entries(LANGUAGE_NAMES).map(([value, name]) => (
              <option key={value} value={value} lang={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="button" onClick={logout} disabled={busy}>
          {t("shell.logOut")}
        </button>
      </header>
      <div className="banners">
        <Alert message={error} />
        <ReconnectBanner canManage={canManage} />
      </div>
      <nav className="sidebar" aria-label={t("shell.mainNav")}>
        <ul>{MAIN_NAV.map(navLink)}</ul>
        <p className="nav-group" id="nav-settings">
          {t("shell.settings")}
        </p>
        <ul aria-labelledby="nav-settings">{SETTINGS_NAV.map(navLink)}</ul>
      </nav>
      {/* Keyed by workspace and language: a switch starts every page afresh (state, polling, event stream, words). */}
      <main
        className={`content${route === "inbox" ? " wide" : ""}`}
        id="content"
        key={`${session.activeWorkspaceId} ${language}`}
      >
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
    case "contacts":
      return <ContactsPage workspaceName={props.workspaceName} canManage={props.canManage} />;
    case "contacts/import":
      return <ContactImportPage workspaceName={props.workspaceName} canManage={props.canManage} />;
    case "segments":
      return <SegmentsPage workspaceName={props.workspaceName} canManage={props.canManage} />;
    case "campaigns":
      return <CampaignsPage {...props} />;
    case "automations":
      return <AutomationsPage workspaceName={props.workspaceName} canManage={props.canManage} />;
    case "templates":
      return <TemplatesPage {...props} />;
    case "settings/whatsapp":
      return <ConnectionPage workspaceName={props.workspaceName} canManage={props.canManage} isOwner={props.isOwner} />;
    case "analytics":
      return <AnalyticsPage workspaceName={props.workspaceName} />;
    case "catalog":
      return <CatalogPage workspaceName={props.workspaceName} canManage={props.canManage} />;
    case "phone-numbers":
      return <NumbersPage workspaceName={props.workspaceName} canManage={props.canManage} isOwner={props.isOwner} />;
  }
}
