import { useEffect, useRef, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, type Contact, type ContactQuery, type MarketingConsent } from "../contacts-api";
import { href, hrefWith, useHashParams } from "../router";
import { describeFilter, segmentsApi, type Segment, type SegmentFilter } from "../segments-api";
import { formatTime } from "./connection-card";
import { ConsentBadge } from "./consent-badge";
import { ContactProfile } from "./contact-profile";
import { usePageTitle } from "./feature-page";
import { tp, t, type MessageKey } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceName: string;
  canManage: boolean;
}

/** `#/contacts` lists and searches them; `#/contacts?contact=ct_…` opens one's profile. */
export function ContactsPage({ workspaceName, canManage }: Props) {
  usePageTitle(t("page.contacts"), workspaceName);
  const params = useHashParams();
  const contactId = params.get("contact");
  if (contactId) return <ContactProfile key={contactId} idOrPhone={contactId} canManage={canManage} />;
  return <ContactDirectory workspaceName={workspaceName} canManage={canManage} />;
}

const CONSENTS: MarketingConsent[] = ["opted_in", "opted_out", "unknown"];

const DAY = 86_400_000;

/** Last activity (when the customer last wrote), as the address keeps it: relative to today. */
export const ACTIVITY: Record<string, { label: MessageKey; query: (now: number) => ContactQuery }> = {
  "7d": { label: "contacts.activity.7d", query: (now) => ({ lastSeenAfter: new Date(now - 7 * DAY).toISOString() }) },
  "30d": {
    label: "contacts.activity.30d",
    query: (now) => ({ lastSeenAfter: new Date(now - 30 * DAY).toISOString() }),
  },
  "90d": {
    label: "contacts.activity.90d",
    query: (now) => ({ lastSeenAfter: new Date(now - 90 * DAY).toISOString() }),
  },
  over90d: {
    label: "contacts.activity.over90d",
    query: (now) => ({ lastSeenBefore: new Date(now - 90 * DAY).toISOString() }),
  },
  never: { label: "contacts.activity.never", query: () => ({ filter: JSON.stringify({ neverSeen: true }) }) },
};

interface Search {
  /** A segment's id: its saved filter, combined with the rest. */
  segment?: string;
  q?: string;
  tag?: string;
  consent?: MarketingConsent;
  active?: string;
}

/** The search as the address keeps it, so it survives a reload and Back from a profile. */
function searchOf(params: URLSearchParams): Search {
  const consent = params.get("consent");
  const active = params.get("active");
  return {
    ...(params.get("segment") ? { segment: params.get("segment")! } : {}),
    ...(params.get("q") ? { q: params.get("q")! } : {}),
    ...(params.get("tag") ? { tag: params.get("tag")! } : {}),
    ...(CONSENTS.includes(consent as MarketingConsent) ? { consent: consent as MarketingConsent } : {}),
    ...(active && active in ACTIVITY ? { active } : {}),
  };
}

function queryOf({ active, segment: _, ...rest }: Search, saved: SegmentFilter | undefined): ContactQuery {
  const query: ContactQuery = { ...rest, ...(active ? ACTIVITY[active]!.query(Date.now()) : {}) };
  if (!saved) return query;
  // The list's JSON filter holds the segment's; "never wrote" joins it there.
  const extra = query.filter ? (JSON.parse(query.filter) as SegmentFilter) : {};
  return { ...query, filter: JSON.stringify({ ...saved, ...extra }) };
}

function ContactDirectory({ workspaceName, canManage }: Props) {
  const params = useHashParams();
  const filter = searchOf(params);
  const key = JSON.stringify(filter);
  const [query, setQuery] = useState<ContactQuery>({});
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [segment, setSegment] = useState<Segment>();
  const [contacts, setContacts] = useState<Contact[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const seq = useRef(0);

  // A new filter starts the list afresh; an answer to an older filter is dropped.
  useEffect(() => {
    const mine = ++seq.current;
    setContacts(undefined);
    setError(undefined);
    const search = JSON.parse(key) as Search;
    (async () => {
      const saved = search.segment ? await segmentsApi.get(search.segment) : undefined;
      const current = queryOf(search, saved?.filter);
      const page = await contactsApi.list(current);
      if (mine !== seq.current) return;
      setSegment(saved);
      setQuery(current);
      setContacts(page.data);
      setNextCursor(page.nextCursor);
    })().catch((caught: unknown) => mine === seq.current && setError(messageOf(caught)));
  }, [key]);
  useEffect(() => {
    contactsApi.tags().then(
      (list) => setKnownTags(list.map((t) => t.tag)),
      () => undefined, // suggestions only: the tag field works without them
    );
  }, []);

  async function loadMore() {
    if (!nextCursor) return;
    const mine = seq.current;
    setLoadingMore(true);
    try {
      const page = await contactsApi.list(query, nextCursor);
      if (mine !== seq.current) return;
      setContacts((list) => [...(list ?? []), ...page.data]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v.trim() ? v.trim() : undefined;
    };
    window.location.hash = hrefWith("contacts", {
      segment: filter.segment,
      q: value("q"),
      tag: value("tag"),
      consent: value("consent"),
      active: value("active"),
    });
  }

  const filtered = Object.keys(filter).length > 0;
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.contacts")}</h1>
        {canManage && (
          <div className="actions">
            {contacts && contacts.length > 0 && (
              <a className="button" href={contactsApi.exportHref(query)} download="contacts.csv">
                {t("contacts.exportCsv")}
              </a>
            )}
            <a className="button primary" href={href("contacts/import")}>
              {t("page.contacts/import")}
            </a>
          </div>
        )}
      </div>
      {filter.segment && (
        <p className="notice segment-notice" role="status">
          <span>
            {segment ? (
              <>
                {t("contacts.segmentNotice", {
                  name: segment.name,
                  filter: describeFilter(segment.filter),
                  count: segment.count,
                })}
              </>
            ) : (
              t("contacts.loadingSegment")
            )}
          </span>
          <a href={hrefWith("contacts", { ...filter, segment: undefined })}>{t("contacts.showEvery")}</a>
        </p>
      )}
      <form
        className="contact-search card"
        role="search"
        aria-label={t("contacts.searchLabel")}
        onSubmit={search}
        key={key}
      >
        <label className="contact-search-q">
          <span>{t("contacts.search")}</span>
          <input name="q" type="search" defaultValue={filter.q} placeholder={t("contacts.searchPlaceholder")} />
        </label>
        <label>
          <span>{t("contacts.tag")}</span>
          <input name="tag" defaultValue={filter.tag} autoComplete="off" list="contact-tags" />
          <datalist id="contact-tags">
            {knownTags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t("contacts.field.consent")}</span>
          <select name="consent" defaultValue={filter.consent ?? ""}>
            <option value="">{t("contacts.any")}</option>
            {CONSENTS.map((c) => (
              <option key={c} value={c}>
                {t(CONSENT_LABELS[c])}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("contacts.lastActivity")}</span>
          <select name="active" defaultValue={filter.active ?? ""}>
            <option value="">{t("contacts.anyTime")}</option>
            {Object.entries(ACTIVITY).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button className="button primary" type="submit">
            {t("contacts.search")}
          </button>
          {filtered && (
            <a className="button" href={href("contacts")}>
              {t("contacts.clear")}
            </a>
          )}
        </div>
      </form>
      <Alert message={error} />
      {contacts === undefined ? (
        !error && <p className="muted">{t("contacts.loadingList")}</p>
      ) : contacts.length === 0 ? (
        <p className="empty-state">{filtered ? t("contacts.noMatch") : t("contacts.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="numbers contacts" aria-label={t("page.contacts")}>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("contacts.phone")}</th>
                  <th scope="col">{t("contacts.field.email")}</th>
                  <th scope="col">{t("contacts.tags")}</th>
                  <th scope="col">{t("contacts.consent")}</th>
                  <th scope="col">{t("contacts.lastActivity")}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <a href={hrefWith("contacts", { contact: c.id })}>
                        {c.name || <span className="muted">{t("contacts.noName")}</span>}
                      </a>
                    </th>
                    <td>{c.phone ?? (c.username ? `@${c.username.replace(/^@/, "")}` : "—")}</td>
                    <td>{c.email ?? "—"}</td>
                    <td>
                      <TagList tags={c.tags} />
                    </td>
                    <td>
                      <ConsentBadge consent={c.consent.marketing} />
                    </td>
                    <td>{formatTime(c.lastSeenAt, "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small" role="status">
            {tp("contacts.shown", contacts.length)}
            {nextCursor ? t("contacts.moreToLoad") : ""}.
          </p>
          {nextCursor && (
            <button className="button" type="button" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? t("contacts.loading") : t("contacts.loadMore")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tags" aria-label={t("contacts.tags")}>
      {tags.map((tag) => (
        <li key={tag}>
          <a className="tag" href={hrefWith("contacts", { tag })}>
            {tag}
          </a>
        </li>
      ))}
    </ul>
  );
}
