import { locale } from "../i18n";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { numbersApi, type NumberHealth, type Workflow } from "../numbers-api";
import { hrefWith, navigate, useHashParams } from "../router";
import { usePageTitle } from "./feature-page";
import { DeletionPanel } from "./number-deletion";
import { StartWorkflowForm, WorkflowPanel } from "./number-workflow";

type Panel =
  | { kind: "add"; initial?: { countryCode: string; phoneNumber: string } }
  | { kind: "migration" }
  | { kind: "deletion"; number: PhoneNumber };

interface Row {
  number: PhoneNumber;
  health?: NumberHealth;
  workflow?: Workflow | null;
}

const limitText = (h: NumberHealth) =>
  h.limit.limit === null
    ? `${h.limit.tier ?? "Unlimited"} · ${h.limit.used24h} in 24 h`
    : `${h.limit.used24h} of ${h.limit.limit.toLocaleString(locale())} in 24 h (${h.limit.tier ?? "?"})`;

function CanSend({ health }: { health?: NumberHealth }) {
  if (!health) return <span className="muted">…</span>;
  if (health.canSend && !health.paused) return <span className="badge ok">Can send</span>;
  return (
    <>
      <span className="badge warn">{health.paused ? "Paused" : "Cannot send"}</span>
      {health.reasons.length > 0 && <span className="small"> {health.reasons.join("; ")}</span>}
    </>
  );
}

/** Phone numbers: each number's health, limits and lifecycle, and the add / migrate / delete wizards. */
export function NumbersPage({
  workspaceName,
  canManage,
  isOwner,
}: {
  workspaceName: string;
  canManage: boolean;
  isOwner: boolean;
}) {
  usePageTitle("Phone numbers", workspaceName);
  const params = useHashParams();
  const workflowId = params.get("workflow") ?? undefined;
  const [rows, setRows] = useState<Row[]>();
  const [panel, setPanel] = useState<Panel>();
  const [error, setError] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(async (refresh = false) => {
    try {
      const numbers = await phoneNumbersApi.list();
      const full = await Promise.all(
        numbers.map(async (number) => ({
          number,
          health: await numbersApi.health(number.id, refresh).catch(() => undefined),
          workflow: await numbersApi.openWorkflow(number.id).catch(() => null),
        })),
      );
      setRows(full);
      setError(undefined);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => void load(), [load, workflowId]);

  const openWorkflow = (id: string | undefined) => {
    setPanel(undefined);
    navigate(hrefWith("phone-numbers", { workflow: id }));
  };

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <h1 id="page-title">Phone numbers</h1>
      {canManage && (
        <div className="actions">
          <button className="button primary" type="button" onClick={() => setPanel({ kind: "add" })}>
            Add a number
          </button>
          <button className="button" type="button" onClick={() => setPanel({ kind: "migration" })}>
            Migrate a number
          </button>
          <button
            className="button"
            type="button"
            disabled={refreshing}
            onClick={() => {
              setRefreshing(true);
              void load(true).finally(() => setRefreshing(false));
            }}
          >
            {refreshing ? "Asking Meta…" : "Refresh from Meta"}
          </button>
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {workflowId && <WorkflowPanel key={workflowId} workflowId={workflowId} onClose={() => openWorkflow(undefined)} />}
      {panel && (panel.kind === "add" || panel.kind === "migration") && (
        <StartWorkflowForm
          kind={panel.kind}
          initial={panel.kind === "add" ? panel.initial : undefined}
          onStarted={(w) => openWorkflow(w.id)}
          onCancel={() => setPanel(undefined)}
        />
      )}
      {panel?.kind === "deletion" && (
        <DeletionPanel
          key={panel.number.id}
          numberId={panel.number.id}
          displayNumber={panel.number.displayPhoneNumber}
          isOwner={isOwner}
          onChanged={() => void load()}
          onClose={() => setPanel(undefined)}
          onAddAgain={() => {
            const digits = panel.number.displayPhoneNumber.replace(/\D/g, "");
            setPanel({ kind: "add", initial: { countryCode: digits.slice(0, 1), phoneNumber: digits.slice(1) } });
          }}
        />
      )}
      {rows === undefined ? (
        !error && <p role="status">Loading the numbers…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No numbers yet: connect WhatsApp, or add a number.</p>
      ) : (
        <div className="table-scroll">
          <table className="numbers" aria-label="Phone numbers">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Quality</th>
                <th scope="col">Status</th>
                <th scope="col">Name</th>
                <th scope="col">Throughput</th>
                <th scope="col">Sending</th>
                <th scope="col">Limit (portfolio)</th>
                <th scope="col">Lifecycle</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ number, health, workflow }) => (
                <tr key={number.id}>
                  <th scope="row">{number.displayPhoneNumber}</th>
                  <td>{health?.qualityRating ?? number.qualityRating ?? "Unknown"}</td>
                  <td>{health?.status ?? number.status ?? "Unknown"}</td>
                  <td>{health?.nameStatus ?? "Unknown"}</td>
                  <td>{health?.throughput ?? number.throughput} msg/s</td>
                  <td>
                    <CanSend health={health} />
                  </td>
                  <td>{health ? limitText(health) : ""}</td>
                  <td>
                    {workflow
                      ? `${workflow.kind} · ${workflow.step} (${workflow.state})`
                      : (health?.lifecycle ?? "in use")}
                  </td>
                  <td className="row-actions">
                    {workflow && (
                      <button className="button small" type="button" onClick={() => openWorkflow(workflow.id)}>
                        Continue {workflow.kind === "migration" ? "migration" : "setup"}
                      </button>
                    )}
                    {canManage && (
                      <button
                        className="button small"
                        type="button"
                        onClick={() => setPanel({ kind: "deletion", number })}
                      >
                        Delete…
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
