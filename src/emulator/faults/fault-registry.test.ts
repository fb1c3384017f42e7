import { describe, expect, it } from "vitest";
import { FaultRegistry, faultError } from "./fault-registry.js";

describe("fault matching", () => {
  it("matches * within one segment and ** across segments", () => {
    const faults = new FaultRegistry();
    faults.add({ path: "/v23.0/*/messages", status: 500, count: 10 });
    expect(faults.take("POST", "/v23.0/123/messages")).toBeDefined();
    expect(faults.take("POST", "/v23.0/123/456/messages")).toBeUndefined();
    faults.clear();
    faults.add({ path: "/**/messages", status: 500, count: 10 });
    expect(faults.take("POST", "/v23.0/123/messages")).toBeDefined();
    expect(faults.take("POST", "/v23.0/123/media")).toBeUndefined();
  });

  it("respects method and count, and keeps latency-only faults until cleared", () => {
    const faults = new FaultRegistry();
    faults.add({ method: "get", status: 503, count: 2 });
    expect(faults.take("POST", "/v23.0/1")).toBeUndefined();
    expect(faults.take("GET", "/v23.0/1")?.hits).toBe(1);
    expect(faults.take("GET", "/v23.0/1")?.hits).toBe(2);
    expect(faults.take("GET", "/v23.0/1")).toBeUndefined();
    faults.add({ latencyMs: 5 });
    for (let i = 0; i < 100; i++) expect(faults.take("GET", "/x")).toBeDefined();
    expect(faults.isEmpty()).toBe(false);
  });

  it("keeps upload cuts apart from ordinary faults", () => {
    const faults = new FaultRegistry();
    faults.add({ path: "/v23.0/upload:*", cutAfterBytes: 10 });
    expect(faults.take("POST", "/v23.0/upload:abc")).toBeUndefined();
    expect(faults.takeCut("POST", "/v23.0/upload:abc")?.cutAfterBytes).toBe(10);
    expect(faults.takeCut("POST", "/v23.0/upload:abc")).toBeUndefined();
  });

  it("builds Meta's envelope with the code Meta uses for the status", () => {
    expect(faultError({ id: 1, remaining: 0, hits: 1, status: 429 }).fields).toMatchObject({
      code: 4,
      is_transient: true,
    });
    expect(faultError({ id: 1, remaining: 0, hits: 1, status: 500 }).fields.code).toBe(131000);
    expect(faultError({ id: 1, remaining: 0, hits: 1, status: 400, code: 131056 }).fields.message).toBe(
      "(#131056) Invalid parameter",
    );
  });
});
