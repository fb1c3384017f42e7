import { t, locale } from "../i18n";
import type { ReactNode } from "react";
import { withPresetText } from "../authentication-template";
import type { TemplateComponent } from "../templates-api";
import { WhatsAppText } from "./whatsapp-text";

// A template as the customer's WhatsApp shows it: a chat bubble with the header, the body with
// sample values, the footer and the time, and the buttons under the bubble.

interface Props {
  components: TemplateComponent[];
  /** A local copy of the header's sample file (an object URL), to show an image or video. */
  media?: { url: string; name: string } | undefined;
  /** Values for the body's variables; without them the template's own samples are used. */
  values?: Record<string, string> | undefined;
  label?: string;
}

const BUTTON_ICONS: Record<string, string> = {
  QUICK_REPLY: "↩",
  URL: "↗",
  PHONE_NUMBER: "✆",
  COPY_CODE: "⧉",
  OTP: "⧉",
};

/** The samples of a TEXT header or the body, by variable name ("1" or "first_name"). */
export function samplesOf(component: TemplateComponent | undefined): Record<string, string> {
  const example = component?.example;
  if (!example) return {};
  const named = example.body_text_named_params ?? example.header_text_named_params;
  if (named) return Object.fromEntries(named.map((p) => [p.param_name, p.example]));
  const positional = example.body_text?.[0] ?? example.header_text ?? [];
  return Object.fromEntries(positional.map((value, i) => [String(i + 1), value]));
}

function Header({ header, media }: { header: TemplateComponent; media: Props["media"] }): ReactNode {
  const format = header.format ?? "TEXT";
  if (format === "TEXT") {
    return (
      <p className="wa-header">
        <WhatsAppText text={header.text ?? ""} values={samplesOf(header)} />
      </p>
    );
  }
  if (format === "IMAGE" && media)
    return <img className="wa-media" src={media.url} alt={t("templates.preview.headerImage", { name: media.name })} />;
  if (format === "VIDEO" && media)
    return (
      <video
        className="wa-media"
        src={media.url}
        muted
        aria-label={t("templates.preview.headerVideo", { name: media.name })}
      />
    );
  if (format === "DOCUMENT")
    return <div className="wa-document">📄 {media?.name ?? t("templates.preview.document")}</div>;
  const placeholder =
    (
      {
        IMAGE: t("templates.preview.image"),
        VIDEO: t("templates.preview.video"),
        LOCATION: t("templates.preview.location"),
      } as Record<string, string>
    )[format] ?? format;
  return <div className="wa-media wa-placeholder">{placeholder}</div>;
}

export function TemplatePreview({ components: given, media, values, label }: Props) {
  const components = withPresetText(given);
  const find = (type: string) => components.find((c) => c.type.toUpperCase() === type);
  const header = find("HEADER");
  const body = find("BODY");
  const footer = find("FOOTER");
  const offer = find("LIMITED_TIME_OFFER")?.limited_time_offer;
  const buttons = find("BUTTONS")?.buttons ?? [];
  const time = new Date().toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });

  return (
    <figure className="wa-preview" aria-label={label ?? t("templates.preview.label")}>
      <div className="wa-screen">
        <div className="wa-bubble">
          {header && <Header header={header} media={media} />}
          {offer && (
            <p className="wa-offer">
              <span aria-hidden="true">⏱</span> <strong>{offer.text || t("templates.preview.offer")}</strong>
              {offer.has_expiration && <span className="wa-offer-expiry"> {t("templates.preview.endsIn")}</span>}
            </p>
          )}
          <p className="wa-body">
            {body?.text ? (
              <WhatsAppText text={body.text} values={values ?? samplesOf(body)} />
            ) : (
              <span className="muted">{t("templates.preview.bodyHere")}</span>
            )}
          </p>
          {footer?.text && <p className="wa-footer">{footer.text}</p>}
          <span className="wa-time">{time}</span>
        </div>
        {buttons.map((button, i) => (
          <div className="wa-button" key={i}>
            <span aria-hidden="true">{BUTTON_ICONS[button.type.toUpperCase()] ?? "•"}</span>{" "}
            {button.text ||
              (button.type.toUpperCase() === "COPY_CODE"
                ? t("templates.preview.copyOffer")
                : t("templates.preview.button"))}
          </div>
        ))}
      </div>
    </figure>
  );
}
