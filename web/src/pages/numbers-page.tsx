import { formatNumber, t } from "../i18n";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { numbersApi, type NumberHealth, type Workflow } from "../numbers-api";
import { hrefWith, navigate, useHashParams } from "../router";
import { usePageTitle } from "./feature-page";
import { DeletionPanel } from "./number-deletion";
import { StartWorkflowForm, WorkflowPanel } from "./number-workflow";
import { Alert } from "./alert";

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
    ? t("numbers.limitUnlimited", { tier: h.limit.tier ?? t("numbers.unlimited"), used: formatNumber(h.limit.used24h) })
    : t("numbers.limitOf", {
        used: formatNumber(h.limit.used24h),
        limit: formatNumber(h.limit.limit),
        tier: h.limit.tier ?? "?",
      });

function CanSend({ health }: { health?: NumberHealth }) {
  if (!health) return <span className="muted">…</span>;
  if (health.canSend && !health.paused) return <span className="badge ok">{t("numbers.canSend")}</span>;
  return (
    <>
      <span className="badge warn">{health.paused ? t("numbers.paused") : t("numbers.cannotSend")}</span>
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
  usePageTitle(t("page.phone-numbers"), workspaceName);
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
      <h1 id="page-title">{t("page.phone-numbers")}</h1>
      {canManage && (
        <div className="actions">
          <button className="button primary" type="button" onClick={() => setPanel({ kind: "add" })}>
            {t("numbers.add")}
          </button>
          <button className="button" type="button" onClick={() => setPanel({ kind: "migration" })}>
            {t("numbers.migrate")}
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
            {refreshing ? t("numbers.asking") : t("numbers.refresh")}
          </button>
        </div>
      )}
      <Alert message={error} />
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
        !error && <p role="status">{t("numbers.loading")}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t("numbers.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="numbers" aria-label={t("page.phone-numbers")}>
            <thead>
              <tr>
                <th scope="col">{t("numbers.number")}</th>
                <th scope="col">{t("numbers.quality")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("numbers.throughput")}</th>
                <th scope="col">{t("numbers.sending")}</th>
                <th scope="col">{t("numbers.limitPortfolio")}</th>
                <th scope="col">{t("numbers.lifecycle")}</th>
                <th scope="col">{t("numbers.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ number, health, workflow }) => (
                <tr key={number.id}>
                  <th scope="row">{number.displayPhoneNumber}</th>
                  <td>{health?.qualityRating ?? number.qualityRating ?? t("numbers.unknown")}</td>
                  <td>{health?.status ?? number.status ?? t("numbers.unknown")}</td>
                  <td>{health?.nameStatus ?? t("numbers.unknown")}</td>
                  <td>{t("numbers.msgPerSecond", { count: health?.throughput ?? number.throughput })}</td>
                  <td>
                    <CanSend health={health} />
                  </td>
                  <td>{health ? limitText(health) : ""}</td>
                  <td>
                    {workflow
                      ? `${workflow.kind} · ${workflow.step} (${workflow.state})`
                      : (health?.lifecycle ?? t("numbers.inUse"))}
                  </td>
                  <td className="row-actions">
                    {workflow && (
                      <button className="button small" type="button" onClick={() => openWorkflow(workflow.id)}>
                        {workflow.kind === "migration" ? t("numbers.continueMigration") : t("numbers.continueSetup")}
                      </button>
                    )}
                    {canManage && (
                      <button
                        className="button small"
                        type="button"
                        onClick={() => setPanel({ kind: "deletion", number })}
                      >
                        {t("numbers.deleteEllipsis")}
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
