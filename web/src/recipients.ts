import type { FieldIssue } from "./api";
import type { Recipient } from "./campaigns-api";
import { variablesIn } from "./template-draft";
import type { Template } from "./templates-api";

// Recipients pasted one per line: `+15551234567, param1, param2`. Each line is checked here, so a
// mistake is named by its line before anything is sent.

export interface ParsedRecipients {
  recipients: Recipient[];
  /** The pasted line number of each recipient, to name a line in the server's errors. */
  lines: number[];
  errors: string[];
}

/** What a campaign send fills in: only the body's variables (the API's `parameters`). */
export function sendShape(template: Template): { variables: string[]; unsupported?: string } {
  const find = (type: string) => template.components.find((c) => c.type.toUpperCase() === type);
  const header = find("HEADER");
  const headerFormat = header ? (header.format ?? "TEXT").toUpperCase() : undefined;
  const variables = variablesIn(find("BODY")?.text, template.parameterFormat);
  // A one-time code goes in the body and in the code button (Meta); it is sent by the app that made it.
  if (template.category === "AUTHENTICATION")
    return { variables, unsupported: "a one-time code template: send it from your app through the API" };
  if (headerFormat && (headerFormat !== "TEXT" || variablesIn(header?.text, template.parameterFormat).length > 0)) {
    return { variables, unsupported: "its header takes a parameter" };
  }
  if (
    find("BUTTONS")?.buttons?.some((b) => b.type.toUpperCase() === "URL" && variablesIn(b.url, "POSITIONAL").length > 0)
  ) {
    return { variables, unsupported: "a button takes a parameter" };
  }
  return { variables };
}

const PHONE = /^\+?[1-9]\d{6,14}$/;

export function parseRecipients(text: string, template: Template | undefined): ParsedRecipients {
  const variables = template ? sendShape(template).variables : [];
  const named = template?.parameterFormat === "NAMED";
  const parsed: ParsedRecipients = { recipients: [], lines: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const n = index + 1;
    const [phone = "", ...values] = line.split(",").map((part) => part.trim());
    const to = phone.replace(/[\s().-]/g, "");
    if (!PHONE.test(to))
      return void parsed.errors.push(
        `Line ${n}: "${phone}" is not a phone number in international form, e.g. +15551234567.`,
      );
    if (template && values.length !== variables.length) {
      return void parsed.errors.push(
        `Line ${n}: ${template.name} takes ${variables.length} parameter(s); this line has ${values.length}.`,
      );
    }
    const empty = values.findIndex((value) => value === "");
    if (empty >= 0) return void parsed.errors.push(`Line ${n}: parameter ${empty + 1} is empty.`);
    const parameters = named ? Object.fromEntries(variables.map((name, i) => [name, values[i]!])) : values;
    parsed.recipients.push({ to: to.startsWith("+") ? to : `+${to}`, ...(values.length ? { parameters } : {}) });
    parsed.lines.push(n);
  });
  return parsed;
}

/** The server's `recipients.3.to` as the pasted line it came from. */
export function describeIssue(issue: FieldIssue, lines: number[]): string {
  const match = /^recipients\.(\d+)/.exec(issue.field);
  const line = match ? lines[Number(match[1])] : undefined;
  return line ? `Line ${line}: ${issue.message}` : `${issue.field}: ${issue.message}`;
}
