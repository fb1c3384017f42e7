import type { OtpDraft, OtpKind } from "../authentication-template";
import type { Draft } from "../template-draft";
import { FieldErrors, FormField } from "./form-field";
import { t } from "../i18n";

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Record<string, string[]>;
}

/**
 * The options of an authentication template: Meta writes its text ("{{1}} is your verification
 * code."), so the builder offers only the code button (copy code, or one-tap autofill into an
 * Android app), the security recommendation and the code's expiry notice.
 */
export function TemplateAuthenticationField({ draft, update, issues }: Props) {
  const otp = draft.otp;
  const change = (patch: Partial<OtpDraft>) => update({ otp: { ...otp, ...patch } });
  const button = (field: string) => issues[`button.0.${field}`];

  return (
    <fieldset className="builder-section">
      <legend>{t("templates.auth.title")}</legend>
      <p className="hint">{t("templates.auth.intro")}</p>
      <FieldErrors errors={[...(issues["body"] ?? []), ...(issues["buttons"] ?? [])]} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={otp.securityRecommendation}
          onChange={(event) => change({ securityRecommendation: event.target.checked })}
        />{" "}
        {t("templates.auth.security")}
      </label>
      <FormField label={t("templates.auth.expires")} errors={issues["footer"]} hint={t("templates.auth.expiresHint")}>
        <input
          type="number"
          min={1}
          max={90}
          value={otp.expiryMinutes}
          onChange={(event) => change({ expiryMinutes: event.target.value })}
        />
      </FormField>
      <FormField label={t("templates.auth.button")} errors={button("otp_type") ?? button("type")}>
        <select value={otp.kind} onChange={(event) => change({ kind: event.target.value as OtpKind })}>
          <option value="COPY_CODE">{t("templates.auth.copyCode")}</option>
          <option value="ONE_TAP">{t("templates.auth.oneTap")}</option>
        </select>
      </FormField>
      <FormField label={t("templates.auth.copyText")} errors={button("text")} hint={t("templates.upTo25")}>
        <input value={otp.buttonText} maxLength={25} onChange={(event) => change({ buttonText: event.target.value })} />
      </FormField>
      {otp.kind === "ONE_TAP" && (
        <>
          <FormField
            label={t("templates.auth.autofillText")}
            errors={button("autofill_text")}
            hint={t("templates.upTo25")}
          >
            <input
              value={otp.autofillText}
              maxLength={25}
              onChange={(event) => change({ autofillText: event.target.value })}
            />
          </FormField>
          <FormField
            label={t("templates.auth.package")}
            errors={button("supported_apps")}
            hint={t("templates.auth.packageHint")}
          >
            <input value={otp.packageName} onChange={(event) => change({ packageName: event.target.value })} />
          </FormField>
          <FormField label={t("templates.auth.hash")} hint={t("templates.auth.hashHint")}>
            <input value={otp.signatureHash} onChange={(event) => change({ signatureHash: event.target.value })} />
          </FormField>
        </>
      )}
    </fieldset>
  );
}
