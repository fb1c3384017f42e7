import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

const KEY = Buffer.alloc(32, 7).toString("base64");
const production = {
  WHARF_MASTER_KEY: KEY,
  WHARF_ADMIN_TOKEN: "x".repeat(40),
  WHARF_META_APP_ID: "123456",
  WHARF_META_APP_SECRET: "s".repeat(32),
  WHARF_META_VERIFY_TOKEN: "verify-me-please",
  WHARF_PUBLIC_URL: "https://wharf.example.com",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to sandbox mode on SQLite in ./data on port 8080 when no Meta app is configured", () => {
    const c = loadConfig({});
    expect(c.mode).toBe("sandbox");
    expect(c.database).toMatchObject({ url: null, dataDir: "./data" });
    expect(c.server).toMatchObject({ port: 8080, host: "127.0.0.1" });
    expect(c.meta).toMatchObject({ graphUrl: "https://graph.facebook.com", graphVersion: "v23.0" });
  });

  it("is production once a Meta app is configured, and accepts a complete production setup", () => {
    const c = loadConfig({ ...production, DATABASE_URL: "postgres://u@db:5432/wharf" });
    expect(c.mode).toBe("production");
    expect(c.database.url).toBe("postgres://u@db:5432/wharf");
  });

  it("sends appsecret_proof unless told not to (Meta's Require App Secret)", () => {
    expect(loadConfig(production).meta.appSecretProof).toBe(true);
    expect(loadConfig({}).meta.appSecretProof).toBe(true);
    expect(loadConfig({ ...production, WHARF_META_APPSECRET_PROOF: "false" }).meta.appSecretProof).toBe(false);
    expect(problemsOf({ WHARF_META_APPSECRET_PROOF: "maybe" }).join()).toMatch(/WHARF_META_APPSECRET_PROOF/);
  });

  it("reaches 360dialog at its documented hosts; the Connect flow needs both partner id and key", () => {
    expect(loadConfig({}).d360).toEqual({
      url: "https://waba-v2.360dialog.io",
      hubUrl: "https://hub.360dialog.io/api/v2",
      connectUrl: "https://hub.360dialog.com/dashboard",
      partner: null,
    });
    expect(loadConfig({ WHARF_D360_PARTNER_ID: "srMmoqPA" }).d360.partner).toBeNull();
    const both = loadConfig({ WHARF_D360_PARTNER_ID: "srMmoqPA", WHARF_D360_PARTNER_API_KEY: "partner-key-1" });
    expect(both.d360.partner).toEqual({ id: "srMmoqPA", apiKey: "partner-key-1" });
    expect(problemsOf({ WHARF_D360_PARTNER_ID: "../x" }).join()).toMatch(/WHARF_D360_PARTNER_ID/);
    expect(problemsOf({ WHARF_D360_URL: "ftp://x" }).join()).toMatch(/WHARF_D360_URL/);
  });

  it("names every problem at once", () => {
    const problems = problemsOf({
      WHARF_MODE: "production",
      DATABASE_URL: "mysql://nope",
      PORT: "99999",
      WHARF_MASTER_KEY: "short",
    });
    expect(problems.some((p) => p.startsWith("DATABASE_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PORT"))).toBe(true);
    expect(problems.some((p) => p.startsWith("WHARF_MASTER_KEY"))).toBe(true);
  });

  it("requires the master key and the rest of the production settings in production", () => {
    const { WHARF_MASTER_KEY: _k, WHARF_PUBLIC_URL: _u, ...rest } = production;
    const problems = problemsOf(rest);
    expect(problems).toContain("WHARF_MASTER_KEY: required in production mode");
    expect(problems).toContain("WHARF_PUBLIC_URL: required in production mode");
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: " " }).database.url).toBeNull();
  });
});
