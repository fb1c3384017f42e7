import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { numbersApi, STEP_LABELS, type MigrationTemplate, type Workflow } from "../numbers-api";
import { t } from "../i18n";
import { Alert } from "./alert";

/** The checklist: done steps, the current one (or the failed one, with why), those to come. */
function Checklist({ workflow }: { workflow: Workflow }) {
  const at = workflow.steps.indexOf(workflow.step);
  return (
    <ol className="checklist" aria-label={t("numbers.steps")}>
      {workflow.steps.map((step, i) => {
        const failed = workflow.state === "failed" && i === at;
        const done = i < at || (workflow.state === "completed" && i <= at);
        const mark = failed ? "✗" : done ? "✓" : i === at ? "→" : "·";
        const status = t(
          failed
            ? "numbers.stepState.failed"
            : done
              ? "numbers.stepState.done"
              : i === at
                ? "numbers.stepState.current"
                : "numbers.stepState.todo",
        );
        return (
          <li key={step} className={`step ${status.replace(" ", "-")}`} aria-current={i === at ? "step" : undefined}>
            <span aria-hidden="true">{mark}</span> {STEP_LABELS[step] ? t(STEP_LABELS[step]) : step}{" "}
            <span className="muted">({status})</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * One add or migration workflow, step by step. The server keeps its state, so this panel can be
 * closed and opened again (the address carries its id) and picks up where the workflow is.
 */
export function WorkflowPanel({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const [workflow, setWorkflow] = useState<Workflow>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [method, setMethod] = useState<"SMS" | "VOICE">("SMS");
  const [language, setLanguage] = useState("en_US");
  const [code, setCode] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [templates, setTemplates] = useState("[]");

  // Read it, and again while Wharf works on a step by itself.
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      numbersApi.workflow(workflowId).then(
        (w) => {
          if (stop) return;
          setWorkflow(w);
          if (w.state === "in_progress") timer = setTimeout(read, 700);
        },
        (err: unknown) => !stop && setError(messageOf(err)),
      );
    void read();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [workflowId, workflow?.state, workflow?.step]);

  async function run(action: () => Promise<Workflow>) {
    setBusy(true);
    setError(undefined);
    try {
      setWorkflow(await action());
    } catch (err) {
      setError(messageOf(err));
      // The workflow recorded the failure (step and guidance): show it.
      setWorkflow(await numbersApi.workflow(workflowId).catch(() => workflow));
    } finally {
      setBusy(false);
    }
  }

  if (!workflow)
    return error ? (
      <p className="alert" role="alert">
        {error}
      </p>
    ) : (
      <p role="status">{t("numbers.wf.loading")}</p>
    );
  const numberId = workflow.phoneNumberId;
  const open = workflow.state === "waiting" || workflow.state === "failed";
  const title = `${workflow.kind === "migration" ? "Migrating" : "Adding"} +${workflow.countryCode ?? ""} ${workflow.phoneNumber ?? ""}`;
  const submit = (event: FormEvent, action: () => Promise<Workflow>) => {
    event.preventDefault();
    void run(action);
  };

  return (
    <section className="card panel" aria-labelledby="workflow-title">
      <div className="panel-head">
        <h2 id="workflow-title">{title}</h2>
        <span className="badge">{workflow.state.replace("_", " ")}</span>
      </div>
      <Checklist workflow={workflow} />
      {workflow.error && (
        <div className="alert" role="alert">
          <p>
            {t("numbers.wf.stepFailed", {
              step: STEP_LABELS[workflow.error.step] ? t(STEP_LABELS[workflow.error.step]!) : workflow.error.step,
              message: workflow.error.message,
            })}
          </p>
          <p>
            <code className="error-code">{workflow.error.code}</code>
            {workflow.error.metaCode !== null && (
              <>
                {" "}
                {t("numbers.wf.metaCode")} <code>{workflow.error.metaCode}</code>
              </>
            )}
          </p>
        </div>
      )}
      {error && !workflow.error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {workflow.state === "in_progress" && <p role="status">{t("numbers.wf.onIt")}</p>}
      {workflow.state === "completed" && (
        <p className="notice success" role="status">
          {workflow.kind === "migration" ? t("numbers.wf.migrated") : t("numbers.wf.verified")} {t("numbers.wf.active")}
        </p>
      )}

      {open && numberId && workflow.step === "request_code" && (
        <form
          className="form-row"
          onSubmit={(e) => submit(e, () => numbersApi.requestCode(numberId, method, language))}
        >
          <label>
            {t("numbers.wf.sendBy")}
            <select value={method} onChange={(e) => setMethod(e.target.value as "SMS" | "VOICE")}>
              <option value="SMS">SMS</option>
              <option value="VOICE">{t("numbers.wf.voice")}</option>
            </select>
          </label>
          <label>
            {t("numbers.wf.language")}
            <input value={language} onChange={(e) => setLanguage(e.target.value)} />
          </label>
          <button className="button primary" type="submit" disabled={busy}>
            {t("numbers.wf.sendCode")}
          </button>
        </form>
      )}
      {open && numberId && workflow.step === "verify_code" && (
        <form className="form-row" onSubmit={(e) => submit(e, () => numbersApi.verifyCode(numberId, code))}>
          <label>
            {t("numbers.wf.code")}
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" maxLength={6} />
          </label>
          <button className="button primary" type="submit" disabled={busy || code.length !== 6}>
            {t("numbers.wf.verify")}
          </button>
          <button
            className="button"
            type="button"
            disabled={busy}
            onClick={() => void run(() => numbersApi.requestCode(numberId, method, language))}
          >
            {t("numbers.wf.newCode")}
          </button>
        </form>
      )}
      {open && workflow.step === "templates" && (
        <form
          className="form-stack"
          onSubmit={(e) =>
            submit(e, async () => {
              const list = JSON.parse(templates) as MigrationTemplate[];
              return (await numbersApi.templates(workflow.id, { templates: list })).workflow;
            })
          }
        >
          <label>
            {t("numbers.wf.oldTemplates")}
            <textarea rows={5} value={templates} onChange={(e) => setTemplates(e.target.value)} />
          </label>
          <button className="button primary" type="submit" disabled={busy}>
            {t("numbers.wf.recreate")}
          </button>
          <button
            className="button"
            type="button"
            disabled={busy}
            onClick={() => void run(async () => (await numbersApi.templates(workflow.id, { skip: true })).workflow)}
          >
            {t("numbers.wf.skipTemplates")}
          </button>
        </form>
      )}
      {workflow.state === "failed" && !["request_code", "verify_code", "templates"].includes(workflow.step) && (
        <form
          className="form-stack"
          onSubmit={(e) =>
            submit(e, () =>
              numbersApi.resume(workflow.id, {
                ...(displayName ? { displayName } : {}),
                ...(workflow.kind === "migration" ? { twoStepDisabledConfirmed: confirmed } : {}),
              }),
            )
          }
        >
          {workflow.kind === "migration" && (
            <label className="choice">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{" "}
              {t("numbers.wf.twoStepOffNow")}
            </label>
          )}
          <label>
            {t("numbers.wf.newName")}
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <button
            className="button primary"
            type="submit"
            disabled={busy || (workflow.kind === "migration" && !confirmed)}
          >
            {t("numbers.wf.retry")}
          </button>
        </form>
      )}
      <div className="actions">
        <button className="button" type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </section>
  );
}

/** Adding a number, or bringing one from another provider: the first form of the wizard. */
export function StartWorkflowForm({
  kind,
  initial,
  onStarted,
  onCancel,
}: {
  kind: "add" | "migration";
  initial?: { countryCode: string; phoneNumber: string };
  onStarted: (workflow: Workflow) => void;
  onCancel: () => void;
}) {
  const [countryCode, setCountryCode] = useState(initial?.countryCode ?? "");
  const [phoneNumber, setPhoneNumber] = useState(initial?.phoneNumber ?? "");
  const [displayName, setDisplayName] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function start(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const input = { countryCode, phoneNumber, displayName };
      onStarted(
        kind === "add"
          ? await numbersApi.add(input)
          : await numbersApi.migrate(displayName ? input : { countryCode, phoneNumber }),
      );
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <section className="card panel" aria-labelledby="start-title">
      <h2 id="start-title">{kind === "add" ? t("numbers.wf.addTitle") : t("numbers.wf.migrateTitle")}</h2>
      {kind === "migration" && (
        <ol className="checklist">
          <li>{t("numbers.wf.oldBsp")}</li>
          <li>{t("numbers.wf.keepReachable")}</li>
          <li>{t("numbers.wf.export")}</li>
        </ol>
      )}
      <form className="form-stack" onSubmit={(e) => void start(e)}>
        <label>
          {t("numbers.wf.countryCode")}
          <input value={countryCode} onChange={(e) => setCountryCode(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          {t("numbers.wf.phone")}
          <input value={phoneNumber} onChange={(e) => setPhoneNumber(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          {kind === "migration" ? t("numbers.wf.displayNameOptional") : t("numbers.wf.displayName")}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        {kind === "migration" && (
          <label className="choice">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{" "}
            {t("numbers.wf.twoStepOff")}
          </label>
        )}
        <Alert message={error} />
        <div className="actions">
          <button className="button primary" type="submit" disabled={busy || (kind === "migration" && !confirmed)}>
            {kind === "add" ? t("numbers.wf.addNumber") : t("numbers.wf.startMigration")}
          </button>
          <button className="button" type="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
