import { useState, type ChangeEvent } from "react";
import { messageOf } from "../api";
import { MEDIA_HEADERS, variablesIn, type Draft, type HeaderType } from "../template-draft";
import { templatesApi } from "../templates-api";
import { FormField } from "./form-field";
import { TemplateSamples } from "./template-samples";
import { t } from "../i18n";

const TYPES: { value: HeaderType; label: string }[] = [
  { value: "NONE", label: "None" },
  { value: "TEXT", label: "Text" },
  { value: "IMAGE", label: "Image" },
  { value: "VIDEO", label: "Video" },
  { value: "DOCUMENT", label: t("templates.preview.document") },
  { value: "LOCATION", label: "Location" },
];
const ACCEPT: Partial<Record<HeaderType, string>> = {
  IMAGE: "image/jpeg,image/png",
  VIDEO: "video/mp4",
  DOCUMENT: "application/pdf",
};

interface Upload {
  state: "sending" | "done" | "failed";
  fileName: string;
  /** Sent so far, 0 to 1. */
  fraction: number;
  message?: string;
}

function uploadText(upload: Upload): string {
  if (upload.state === "done") return t("templates.header.uploaded", { file: upload.fileName });
  if (upload.state === "failed")
    return t("templates.header.notUploaded", { file: upload.fileName, message: upload.message ?? "" });
  if (upload.fraction < 1)
    return t("templates.header.uploading", { file: upload.fileName, percent: Math.round(upload.fraction * 100) });
  return t("templates.header.handing", { file: upload.fileName });
}

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Record<string, string[]>;
  /** The picked file as a local URL, for the preview. */
  onMedia: (media: { url: string; name: string } | undefined) => void;
}

/** Header type, its text and sample, or its sample file uploaded to Meta with a progress bar. */
export function TemplateHeaderField({ draft, update, issues, onMedia }: Props) {
  const [upload, setUpload] = useState<Upload>();
  const type = draft.headerType;

  function changeType(event: ChangeEvent<HTMLSelectElement>) {
    setUpload(undefined);
    onMedia(undefined);
    update({ headerType: event.target.value as HeaderType, headerSample: undefined });
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    update({ headerSample: undefined });
    onMedia({ url: URL.createObjectURL(file), name: file.name });
    setUpload({ state: "sending", fileName: file.name, fraction: 0 });
    try {
      const sample = await templatesApi.uploadSample(file, (fraction) =>
        setUpload({ state: "sending", fileName: file.name, fraction }),
      );
      setUpload({ state: "done", fileName: file.name, fraction: 1 });
      update({ headerSample: { handle: sample.handle, fileName: sample.fileName } });
    } catch (caught) {
      setUpload({ state: "failed", fileName: file.name, fraction: 0, message: messageOf(caught) });
    }
  }

  const headerErrors = issues["header"];
  return (
    <fieldset className="builder-section">
      <legend>{t("templates.header.title")}</legend>
      <FormField
        label={t("templates.header.type")}
        errors={type === "TEXT" || MEDIA_HEADERS.includes(type) ? undefined : headerErrors}
      >
        <select value={type} onChange={changeType}>
          {TYPES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </FormField>
      {type === "TEXT" && (
        <>
          <FormField label={t("templates.header.text")} errors={headerErrors} hint={t("templates.header.textHint")}>
            <input
              value={draft.headerText}
              maxLength={60}
              onChange={(event) => update({ headerText: event.target.value })}
            />
          </FormField>
          <TemplateSamples
            part={t("templates.header.title")}
            variables={variablesIn(draft.headerText, draft.parameterFormat)}
            values={draft.headerExamples}
            onChange={(headerExamples) => update({ headerExamples })}
            errors={issues["headerExamples"]}
          />
        </>
      )}
      {MEDIA_HEADERS.includes(type) && (
        <FormField label={t("templates.header.sampleFile")} errors={headerErrors} hint={t("templates.header.fileHint")}>
          <input key={type} type="file" accept={ACCEPT[type]} onChange={pick} disabled={upload?.state === "sending"} />
        </FormField>
      )}
      {upload && MEDIA_HEADERS.includes(type) && (
        <div className={`upload-progress ${upload.state}`} role={upload.state === "failed" ? "alert" : "status"}>
          <progress
            max={1}
            value={upload.fraction}
            aria-label={t("templates.header.uploadOf", { file: upload.fileName })}
          />
          <span>{uploadText(upload)}</span>
        </div>
      )}
      {type === "LOCATION" && <p className="hint">{t("templates.header.location")}</p>}
    </fieldset>
  );
}
