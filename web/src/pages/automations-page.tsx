import { useEffect, useState } from "react";
import { messageOf } from "../api";
import {
  automationsApi,
  duration,
  type Automation,
  type AutomationDraft,
  type DryRun,
  type Recipe,
  type Stats,
  type Step,
  type TemplateRef,
  type ValueRef,
} from "../automations-api";
import { useInterval } from "../polling";
import { templatesApi, type Template } from "../templates-api";
import { usePageTitle } from "./feature-page";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceName: string;
  canManage: boolean;
}

/** How often an open automation's funnel is re-read. */
const STATS_POLL_MS = 3_000;

/** Automations: the list, create from a recipe, the step editor, the dry run, enable/pause, the funnel. */
export function AutomationsPage({ workspaceName, canManage }: Props) {
  usePageTitle("Automations", workspaceName);
  const [automations, setAutomations] = useState<Automation[]>();
  const [recipes, setRecipes] = useState<Recipe[]>([]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [draft, setDraft] = useState<AutomationDraft>();
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<string>();

  const load = async () => {
    try {
      setAutomations(await automationsApi.list());
      setError(undefined);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  useEffect(() => {
    void load();
    automationsApi.recipes().then(setRecipes, (caught: unknown) => setError(messageOf(caught)));
    templatesApi.list().then(
      (page) => setTemplates(page.data.filter((tpl) => tpl.status === "APPROVED" || tpl.status === "PENDING")),
      () => setTemplates([]),
    );
  }, []);

  async function save() {
    if (!draft) return;
    try {
      const created = await automationsApi.create(draft);
      setDraft(undefined);
      setOpen(created.id);
      await load();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  const opened = automations?.find((a) => a.id === open);
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.automations")}</h1>
      </div>
      <Alert message={error} />
      {canManage && !draft && (
        <section aria-labelledby="recipes-title" className="card">
          <h2 id="recipes-title">{t("automations.recipes")}</h2>
          <ul className="plain-list">
            {recipes.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong> <span className="muted">{r.description}</span>{" "}
                <button className="button" type="button" onClick={() => setDraft(structuredClone(r.automation))}>
                  {t("automations.use", { name: r.name })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {draft && (
        <section aria-labelledby="editor-title" className="card">
          <h2 id="editor-title">{t("automations.new")}</h2>
          <label>
            {t("common.name")}{" "}
            <input
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              aria-label={t("common.name")}
            />
          </label>
          <p className="muted">
            {t("automations.summary", {
              trigger: describeTrigger(draft.trigger),
              exits:
                [
                  ...(draft.exit.onReply ? [t("automations.aReply")] : []),
                  ...draft.exit.events.map((e) => e.type),
                ].join(", ") || t("automations.none"),
            })}
          </p>
          <ol className="steps">
            {draft.steps.map((s, i) => (
              <StepEditor
                key={s.id}
                step={s}
                templates={templates}
                onChange={(next) => setDraft({ ...draft, steps: draft.steps.map((x, j) => (j === i ? next : x)) })}
              />
            ))}
          </ol>
          <button className="button primary" type="button" onClick={() => void save()}>
            {t("automations.save")}
          </button>{" "}
          <button className="button" type="button" onClick={() => setDraft(undefined)}>
            {t("common.cancel")}
          </button>
        </section>
      )}
      {automations && automations.length > 0 && (
        <table className="table" aria-label={t("page.automations")}>
          <thead>
            <tr>
              <th>{t("common.name")}</th>
              <th>{t("common.status")}</th>
              <th>{t("automations.version")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {automations?.map((a) => (
              <tr key={a.id}>
                <td>
                  <button className="link" type="button" onClick={() => setOpen(a.id)}>
                    {a.name}
                  </button>
                </td>
                <td>{a.status}</td>
                <td>{a.version}</td>
                <td>
                  {canManage && (a.status === "draft" || a.status === "paused") && (
                    <button
                      className="button"
                      type="button"
                      onClick={() =>
                        void automationsApi.enable(a.id).then(load, (c: unknown) => setError(messageOf(c)))
                      }
                    >
                      {t("automations.enableNamed", { name: a.name })}
                    </button>
                  )}
                  {canManage && a.status === "enabled" && (
                    <button
                      className="button"
                      type="button"
                      onClick={() => void automationsApi.pause(a.id).then(load, (c: unknown) => setError(messageOf(c)))}
                    >
                      {t("automations.pauseNamed", { name: a.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {automations?.length === 0 && <p className="muted">{t("automations.empty")}</p>}
      {opened && <AutomationDetail automation={opened} canManage={canManage} />}
    </section>
  );
}

function describeTrigger(tpl: AutomationDraft["trigger"]): string {
  if (tpl.kind === "event") return t("automations.trigger.event", { type: String(tpl["eventType"]) });
  if (tpl.kind === "inbound_message") return t("automations.trigger.inbound");
  if (tpl.kind === "message_status") return t("automations.trigger.status", { status: String(tpl["status"]) });
  return tpl.kind;
}

const refText = (r: ValueRef) => ("path" in r ? r.path : `"${r.value}"`);

/** One step: waits and texts as they are; a template step gets the template picker and its parameter mapping. */
function StepEditor({ step, templates, onChange }: { step: Step; templates: Template[]; onChange: (s: Step) => void }) {
  const tpl = step.kind === "send_template" ? step.template : undefined;
  const setTemplate = (template: TemplateRef) => step.kind === "send_template" && onChange({ ...step, template });
  return (
    <li>
      <strong>{step.label ?? step.id}</strong> <span className="muted">{step.kind}</span>
      {step.kind === "wait" && step.seconds !== undefined && <span> · {duration(step.seconds)}</span>}
      {step.kind === "send_text" && <p>{step.text}</p>}
      {tpl && (
        <div>
          <label>
            {t("automations.templateFor", { step: step.label ?? step.id })}{" "}
            <select
              aria-label={t("automations.templateFor", { step: step.label ?? step.id })}
              value={`${tpl.name}|${tpl.language}`}
              onChange={(e) => {
                const [name, language] = e.target.value.split("|");
                setTemplate({ ...tpl, name: name ?? tpl.name, language: language ?? tpl.language });
              }}
            >
              {!templates.some((x) => x.name === tpl.name && x.language === tpl.language) && (
                <option value={`${tpl.name}|${tpl.language}`}>
                  {t("automations.notHere", { name: tpl.name, language: tpl.language })}
                </option>
              )}
              {templates.map((x) => (
                <option key={x.id} value={`${x.name}|${x.language}`}>
                  {x.name} ({x.language}, {x.status})
                </option>
              ))}
            </select>
          </label>
          {Array.isArray(tpl.body) &&
            tpl.body.map((r, i) => (
              <label key={i} className="mapping">
                {`{{${i + 1}}}`}{" "}
                <input
                  aria-label={`${step.id} parameter ${i + 1}`}
                  value={"path" in r ? r.path : r.value}
                  onChange={(e) => {
                    const body = [...(tpl.body as ValueRef[])];
                    body[i] = "path" in r ? { ...r, path: e.target.value } : { value: e.target.value };
                    setTemplate({ ...tpl, body });
                  }}
                />{" "}
                <span className="muted">{refText(r)}</span>
              </label>
            ))}
        </div>
      )}
    </li>
  );
}

/** An automation: its steps, the dry run, and the funnel (re-read every few seconds). */
function AutomationDetail({ automation, canManage }: { automation: Automation; canManage: boolean }) {
  const [stats, setStats] = useState<Stats>();
  const [contact, setContact] = useState("");
  const [eventData, setEventData] = useState('{"checkoutToken": "chk_demo", "recoveryUrl": "https://shop.example/r"}');
  const [message, setMessage] = useState("");
  const [dry, setDry] = useState<DryRun>();
  const [error, setError] = useState<string>();
  const refresh = () => void automationsApi.stats(automation.id).then(setStats, (c: unknown) => setError(messageOf(c)));
  useEffect(refresh, [automation.id]);
  useInterval(refresh, STATS_POLL_MS, true);

  async function run() {
    try {
      const input: Parameters<typeof automationsApi.dryRun>[1] = { contact };
      if (automation.trigger.kind === "event") input.event = { data: JSON.parse(eventData) as Record<string, unknown> };
      if (automation.trigger.kind === "inbound_message") input.message = { text: message };
      setDry(await automationsApi.dryRun(automation.id, input));
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof SyntaxError ? t("automations.notJson") : messageOf(caught));
    }
  }

  return (
    <section aria-labelledby="detail-title" className="card">
      <h2 id="detail-title">{automation.name}</h2>
      <Alert message={error} />
      <h3>{t("automations.funnel")}</h3>
      <table className="table" aria-label={t("automations.funnel")}>
        <thead>
          <tr>
            <th>{t("automations.step")}</th>
            <th>{t("automations.runs")}</th>
            <th>{t("automations.sent")}</th>
            <th>{t("automations.delivered")}</th>
            <th>{t("automations.read")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t("automations.entered")}</td>
            <td data-testid="funnel-entered">{stats?.entered ?? 0}</td>
            <td colSpan={3} className="muted">
              {t("automations.funnelCounts", { active: stats?.active ?? 0, completed: stats?.completed ?? 0 })}{" "}
              {Object.entries(stats?.exited ?? {})
                .map(([k, v]) => `${k} ${v}`)
                .join(", ") || "0"}
            </td>
          </tr>
          {automation.steps.map((s) => {
            const st = stats?.steps[s.id];
            return (
              <tr key={s.id}>
                <td>{s.label ?? s.id}</td>
                <td data-testid={`funnel-${s.id}`}>{st?.runs ?? 0}</td>
                <td>{st?.sent ?? 0}</td>
                <td>{st?.delivered ?? 0}</td>
                <td>{st?.read ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canManage && (
        <>
          <h3>{t("automations.dryRun")}</h3>
          <label>
            {t("automations.dryContact")}{" "}
            <input
              aria-label={t("automations.dryContactLabel")}
              value={contact}
              onChange={(e) => setContact(e.target.value)}
            />
          </label>
          {automation.trigger.kind === "event" && (
            <label>
              {t("automations.sampleEvent")}{" "}
              <textarea
                aria-label={t("automations.sampleEvent")}
                value={eventData}
                onChange={(e) => setEventData(e.target.value)}
              />
            </label>
          )}
          {automation.trigger.kind === "inbound_message" && (
            <label>
              {t("automations.sampleMessage")}{" "}
              <input
                aria-label={t("automations.sampleMessage")}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            </label>
          )}
          <button className="button" type="button" onClick={() => void run()}>
            {t("automations.dryRun")}
          </button>
          {dry && (
            <div aria-label={t("automations.dryResult")}>
              <p>
                {dry.enters ? t("automations.wouldEnter") : t("automations.wouldNotEnter")} {dry.trigger.detail ?? ""}
              </p>
              <ol>
                {dry.steps.map((s) => (
                  <li key={s.id}>
                    +{duration(Math.max(s.afterSeconds, 1))} {s.label ?? s.id}:{" "}
                    {s.outcome === "skipped"
                      ? t("automations.skipped", { reason: s.reason ?? "" })
                      : t("automations.stepRuns")}
                    {s.detail ? ` — ${s.detail}` : ""}
                    {s.message && <pre>{JSON.stringify(s.message, null, 2)}</pre>}
                  </li>
                ))}
              </ol>
              <p className="muted">{t("automations.endsWhen", { exits: dry.exits.join("; ") })}</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
