import { expect } from "vitest";
import { apiClient, eventually } from "../../support/api-client.js";
import type { Json } from "../../support/json.js";
import type { StartedWharf } from "../../support/wharf.js";

/** Helpers for the number lifecycle API tests (issue 19): the API, the emulator's OTPs and numbers. */
export function numbersHarness(w: () => StartedWharf) {
  const api = () => apiClient(w().url, w().demo.apiKey);
  const call = (method: string, path: string, body?: unknown) => api().call(method, path, body);
  const emulator = (method: string, path: string, body?: unknown) => api().emulator(method, path, body);

  const otp = async (metaId: string) => (await emulator("GET", `/phone-numbers/${metaId}/otp`)).code as string;
  const workflow = async (id: string) => (await call("GET", `/v1/phone-numbers/workflows/${id}`)).body;
  const settled = (id: string, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const wf = await workflow(id);
        return wf.state !== "in_progress" ? wf : null;
      },
      timeoutMs,
      `workflow ${id} settled`,
    );
  const emulatorNumber = async (metaId: string) => {
    const st = await emulator("GET", "/state");
    for (const waba of st.wabas as Json[]) for (const p of waba.phoneNumbers as Json[]) if (p.id === metaId) return p;
    return null;
  };

  /** Adds a number and takes it to `verify_code` (a code requested). */
  async function addUntilCode(phoneNumber: string, displayName = "Harbor Bakery") {
    const added = await call("POST", "/v1/phone-numbers", { countryCode: "1", phoneNumber, displayName });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const id = added.body.phoneNumberId as string;
    const requested = await call("POST", `/v1/phone-numbers/${id}/request-code`, { method: "SMS", language: "en_US" });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    return { id, workflowId: added.body.id as string, metaId: added.body.metaPhoneNumberId as string };
  }

  return { call, emulator, otp, workflow, settled, emulatorNumber, addUntilCode };
}
