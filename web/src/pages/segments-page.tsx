import { Fragment, useEffect, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, type AttributeType, type MarketingConsent } from "../contacts-api";
import { textField } from "../form-data";
import { useInterval, useLatest } from "../polling";
import { hrefWith } from "../router";
import {
  describeFilter,
  OP_LABELS,
  segmentsApi,
  type AttributeOp,
  type Segment,
  type SegmentFilter,
} from "../segments-api";
import { usePageTitle } from "./feature-page";
import { FieldErrors, FormField } from "./form-field";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceName: string;
  canManage: boolean;
}

/** How often the counts are re-read: they follow imports, STOPs and edits made elsewhere. */
const COUNT_POLL_MS = 15_000;

/** Saved filters over the contacts with their live counts; create, edit, delete. */
export function SegmentsPage({ workspaceName, canManage }: Props) {
  usePageTitle(t("page.segments"), workspaceName);
  const [segments, setSegments] = useState<Segment[]>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<string>(); // a segment id, or "new"
  const [confirming, setConfirming] = useState<string>();
  const load = useLatest(
    segmentsApi.list,
    (list) => (setSegments(list), setError(undefined)),
    (caught) => setError(messageOf(caught)),
  );
  useEffect(() => void load(), [load]);
  useInterval(() => void load(), COUNT_POLL_MS, true);

  const saved = () => {
    setEditing(undefined);
    void load();
  };
  async function remove(id: string) {
    try {
      await segmentsApi.remove(id);
      setConfirming(undefined);
      void load();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.segments")}</h1>
        {canManage && editing !== "new" && (
          <button className="button primary" type="button" onClick={() => setEditing("new")}>
            {t("segments.new")}
          </button>
        )}
      </div>
      <Alert message={error} />
      {editing === "new" && <SegmentForm onSaved={saved} onCancel={() => setEditing(undefined)} />}
      {segments === undefined ? (
        !error && <p className="muted">{t("segments.loading")}</p>
      ) : segments.length === 0 ? (
        editing !== "new" && <p className="empty-state">{t("segments.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="numbers" aria-label={t("page.segments")}>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("segments.filter")}</th>
                <th scope="col">{t("page.contacts")}</th>
                {canManage && <th scope="col">{t("segments.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <Fragment key={s.id}>
                  <tr>
                    <th scope="row">{s.name}</th>
                    <td>{describeFilter(s.filter)}</td>
                    <td className="segment-count">
                      <a
                        href={hrefWith("contacts", { segment: s.id })}
                        aria-label={t("segments.countIn", { count: s.count, name: s.name })}
                      >
                        {s.count}
                      </a>
                    </td>
                    {canManage && (
                      <td className="row-actions">
                        <button className="link-button" type="button" onClick={() => setEditing(s.id)}>
                          {t("common.edit")}
                        </button>
                        <button className="link-button danger-link" type="button" onClick={() => setConfirming(s.id)}>
                          {t("common.delete")}
                        </button>
                      </td>
                    )}
                  </tr>
                  {editing === s.id && (
                    <tr>
                      <td colSpan={4}>
                        <SegmentForm segment={s} onSaved={saved} onCancel={() => setEditing(undefined)} />
                      </td>
                    </tr>
                  )}
                  {confirming === s.id && (
                    <tr>
                      <td colSpan={4}>
                        <div className="confirm" role="group" aria-label={t("segments.deleteNamed", { name: s.name })}>
                          <p>{t("segments.deleteConfirm", { name: s.name })}</p>
                          <button className="button danger" type="button" onClick={() => remove(s.id)}>
                            {t("segments.deleteYes")}
                          </button>
                          <button className="button" type="button" onClick={() => setConfirming(undefined)}>
                            {t("common.cancel")}
                          </button>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const CONSENTS: MarketingConsent[] = ["opted_in", "opted_out", "unknown"];
const OPS = Object.keys(OP_LABELS) as AttributeOp[];

/** `vip, Lyon` → `["vip", "lyon"]`, as the server keeps tags (lower case). */
const tagsOf = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  ),
];
/** A date input's `2026-05-01` as the start of that day in this browser's time zone. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).toISOString() : undefined);
const dayOf = (iso: string | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

interface ConditionRow {
  key: number;
  name: string;
  op: AttributeOp;
  value: string;
}

function SegmentForm({
  segment,
  onSaved,
  onCancel,
}: {
  segment?: Segment;
  onSaved: (segment: Segment) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const [attributes, setAttributes] = useState<{ name: string; type: AttributeType }[]>([]);
  const [conditions, setConditions] = useState<ConditionRow[]>(
    (segment?.filter.attributes ?? []).map((a, key) => ({
      key,
      name: a.name,
      op: a.op,
      value: a.value === undefined ? "" : String(a.value),
    })),
  );
  const title = segment ? t("segments.editNamed", { name: segment.name }) : t("segments.new");
  const old = segment?.filter ?? {};

  useEffect(() => {
    contactsApi.attributes().then(setAttributes, (caught: unknown) => setError(messageOf(caught)));
  }, []);
  const change = (key: number, patch: Partial<ConditionRow>) =>
    setConditions((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const consent = textField(form, "consent");
    const list = (name: string) => {
      const tags = tagsOf(textField(form, name));
      return tags.length ? tags : undefined;
    };
    const neverSeen = form.get("neverSeen") === "on";
    // Conditions the form does not edit (a search text, hasPhone) are kept as they were.
    const filter: SegmentFilter = {
      ...(old.q ? { q: old.q } : {}),
      ...(old.hasPhone !== undefined ? { hasPhone: old.hasPhone } : {}),
      tags: list("tags"),
      anyTags: list("anyTags"),
      notTags: list("notTags"),
      consent: CONSENTS.includes(consent as MarketingConsent) ? (consent as MarketingConsent) : undefined,
      lastSeenAfter: neverSeen ? undefined : dayStart(textField(form, "lastSeenAfter")),
      lastSeenBefore: neverSeen ? undefined : dayStart(textField(form, "lastSeenBefore")),
      neverSeen: neverSeen ? true : undefined,
      attributes: conditions.length
        ? conditions.map(({ name, op, value }) => ({
            name,
            op,
            ...(op === "exists" || op === "missing" ? {} : { value }),
          }))
        : undefined,
    };
    const body = {
      name: textField(form, "name").trim(),
      filter: JSON.parse(JSON.stringify(filter)) as SegmentFilter, // without the undefined keys
    };
    setSaving(true);
    setError(undefined);
    setIssues({});
    try {
      onSaved(segment ? await segmentsApi.update(segment.id, body) : await segmentsApi.create(body));
    } catch (caught) {
      setError(messageOf(caught));
      const grouped: Record<string, string[]> = {};
      for (const issue of caught instanceof ApiError ? caught.details : [])
        (grouped[issue.field.replace(/^filter\./, "").split(".")[0]!] ??= []).push(issue.message);
      setIssues(grouped);
      setSaving(false);
    }
  }

  return (
    <form className="card panel segment-form" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <Alert message={error} />
      <FormField label={t("segments.name")} errors={issues["name"]}>
        <input name="name" required maxLength={200} defaultValue={segment?.name} autoComplete="off" />
      </FormField>
      <div className="field-row">
        <FormField label={t("segments.allOf")} errors={issues["tags"]} hint={t("segments.tagsHint")}>
          <input name="tags" defaultValue={old.tags?.join(", ")} autoComplete="off" />
        </FormField>
        <FormField label={t("segments.anyOf")} errors={issues["anyTags"]}>
          <input name="anyTags" defaultValue={old.anyTags?.join(", ")} autoComplete="off" />
        </FormField>
        <FormField label={t("segments.notTagged")} errors={issues["notTags"]}>
          <input name="notTags" defaultValue={old.notTags?.join(", ")} autoComplete="off" />
        </FormField>
        <FormField label={t("contacts.marketingConsent")} errors={issues["consent"]}>
          <select name="consent" defaultValue={old.consent ?? ""}>
            <option value="">{t("contacts.any")}</option>
            {CONSENTS.map((c) => (
              <option key={c} value={c}>
                {t(CONSENT_LABELS[c])}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("segments.wroteAfter")} errors={issues["lastSeenAfter"]}>
          <input name="lastSeenAfter" type="date" defaultValue={dayOf(old.lastSeenAfter)} />
        </FormField>
        <FormField label={t("segments.wroteBefore")} errors={issues["lastSeenBefore"]}>
          <input name="lastSeenBefore" type="date" defaultValue={dayOf(old.lastSeenBefore)} />
        </FormField>
      </div>
      <label className="checkbox">
        <input name="neverSeen" type="checkbox" defaultChecked={old.neverSeen === true} /> {t("segments.neverWrote")}
      </label>
      <fieldset className="conditions">
        <legend>{t("contacts.attributes")}</legend>
        {conditions.map((row, index) => (
          <div className="condition" role="group" aria-label={`Condition ${index + 1}`} key={row.key}>
            <select
              aria-label={t("segments.attribute")}
              value={row.name}
              onChange={(e) => change(row.key, { name: e.target.value })}
            >
              {attributes.every((a) => a.name !== row.name) && <option value={row.name}>{row.name}</option>}
              {attributes.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name} ({a.type})
                </option>
              ))}
            </select>
            <select
              aria-label={t("segments.comparison")}
              value={row.op}
              onChange={(e) => change(row.key, { op: e.target.value as AttributeOp })}
            >
              {OPS.map((op) => (
                <option key={op} value={op}>
                  {t(OP_LABELS[op])}
                </option>
              ))}
            </select>
            {row.op !== "exists" && row.op !== "missing" && (
              <input
                aria-label={t("segments.value")}
                value={row.value}
                required
                onChange={(e) => change(row.key, { value: e.target.value })}
                placeholder={placeholderFor(attributes.find((a) => a.name === row.name)?.type)}
              />
            )}
            <button
              className="link-button danger-link"
              type="button"
              onClick={() => setConditions((rows) => rows.filter((r) => r.key !== row.key))}
            >
              {t("segments.remove")}
            </button>
          </div>
        ))}
        {attributes.length === 0 ? (
          <p className="hint">{t("segments.noAttributes")}</p>
        ) : (
          <button
            className="button small-button"
            type="button"
            onClick={() =>
              setConditions((rows) => [
                ...rows,
                { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, name: attributes[0]!.name, op: "eq", value: "" },
              ])
            }
          >
            {t("segments.addCondition")}
          </button>
        )}
        {issues["attributes"] && <FieldErrors errors={issues["attributes"]} />}
      </fieldset>
      <div className="actions">
        <button className="button primary" type="submit" disabled={saving}>
          {saving ? t("common.saving") : segment ? t("common.save") : t("segments.create")}
        </button>
        <button className="button" type="button" onClick={onCancel} disabled={saving}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function placeholderFor(type: AttributeType | undefined): string {
  switch (type) {
    case "number":
      return t("segments.eg", { example: "3" });
    case "date":
      return t("segments.eg", { example: "2026-12-31" });
    case "boolean":
      return t("segments.trueOrFalse");
    default:
      return t("segments.text");
  }
}
