import type { OtpDraft, OtpKind } from "../authentication-template";
import type { Draft } from "../template-draft";
import { FieldErrors, FormField } from "./form-field";

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
      <legend>Verification code</legend>
      <p className="hint">
        Meta writes the message: “123456 is your verification code.” Wharf sends the code you give at each send.
      </p>
      <FieldErrors errors={[...(issues["body"] ?? []), ...(issues["buttons"] ?? [])]} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={otp.securityRecommendation}
          onChange={(event) => change({ securityRecommendation: event.target.checked })}
        />{" "}
        Add security recommendation (“For your security, do not share this code.”)
      </label>
      <FormField
        label="Code expires in (minutes)"
        errors={issues["footer"]}
        hint="1 to 90; shown under the message. Leave empty for no notice."
      >
        <input
          type="number"
          min={1}
          max={90}
          value={otp.expiryMinutes}
          onChange={(event) => change({ expiryMinutes: event.target.value })}
        />
      </FormField>
      <FormField label="Code button" errors={button("otp_type") ?? button("type")}>
        <select value={otp.kind} onChange={(event) => change({ kind: event.target.value as OtpKind })}>
          <option value="COPY_CODE">Copy code</option>
          <option value="ONE_TAP">One-tap autofill (Android app)</option>
        </select>
      </FormField>
      <FormField label="Copy button text" errors={button("text")} hint="Up to 25 characters.">
        <input value={otp.buttonText} maxLength={25} onChange={(event) => change({ buttonText: event.target.value })} />
      </FormField>
      {otp.kind === "ONE_TAP" && (
        <>
          <FormField label="Autofill button text" errors={button("autofill_text")} hint="Up to 25 characters.">
            <input
              value={otp.autofillText}
              maxLength={25}
              onChange={(event) => change({ autofillText: event.target.value })}
            />
          </FormField>
          <FormField label="Android package name" errors={button("supported_apps")} hint="e.g. com.example.shop">
            <input value={otp.packageName} onChange={(event) => change({ packageName: event.target.value })} />
          </FormField>
          <FormField label="App signature hash" hint="The 11-character hash of your app's signing key.">
            <input value={otp.signatureHash} onChange={(event) => change({ signatureHash: event.target.value })} />
          </FormField>
        </>
      )}
    </fieldset>
  );
}
