import { describe, expect, it } from "vitest";
import { createTargetGuard, type Resolve, type TargetPolicy } from "./target-guard.js";

const production: TargetPolicy = { allowPrivate: false, ownOrigin: null };
const sandbox: TargetPolicy = { allowPrivate: true, ownOrigin: { port: 8080, publicUrl: "http://localhost:8080" } };
/** A resolver that knows a few names and fails for the rest, like DNS would for a typo. */
const names: Record<string, string[]> = {
  "public.test": ["93.184.216.34"],
  "loop.test": ["127.0.0.1"],
  "mixed.test": ["93.184.216.34", "10.0.0.1"],
  "v6loop.test": ["::1"],
  localhost: ["127.0.0.1"],
};
const resolve: Resolve = async (host) => {
  const found = names[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("event endpoint targets: only public unicast addresses (security)", () => {
  const guard = createTargetGuard(production, resolve);
  const refused = [
    // IPv4 special ranges, in the spellings URL parsing turns into 127.0.0.1 and friends
    "http://127.0.0.1/",
    "http://127.1/",
    "http://0x7f.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://100.127.255.254/",
    "http://198.18.0.1/",
    "http://198.19.255.1/",
    "http://224.0.0.1/",
    "http://239.255.255.250/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.2.1/",
    // IPv6 special ranges
    "http://[::]/",
    "http://[::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[febf::1]/",
    "http://[fec0::1]/",
    "http://[ff02::1]/",
    "http://[2001:db8::1]/",
    "http://[::7f00:1]/",
    // IPv4 carried in IPv6: mapped, NAT64, 6to4, Teredo
    "http://[::ffff:127.0.0.1]:8080/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::ffff:a00:1]/",
    "http://[::ffff:0:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[64:ff9b:1::1]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:a9fe:a9fe::1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", // Teredo, client 127.0.0.1
    // names
    "http://localhost/",
    "http://localhost./",
    "http://LOCALHOST../",
    "http://api.localhost/",
    "http://loop.test/",
    "http://v6loop.test/",
    "http://mixed.test/",
  ];
  it.each(refused)("refuses %s", async (url) => {
    expect(await guard.check(url)).toMatch(/^refused: .*private or local address/);
  });

  const allowed = [
    "https://8.8.8.8/hook",
    "http://[2606:4700:4700::1111]/",
    "http://[::ffff:8.8.8.8]/",
    "http://[64:ff9b::808:808]/",
    "http://[2002:808:808::1]/",
    "http://100.128.0.1/",
    "http://172.32.0.1/",
    "https://public.test/events",
  ];
  it.each(allowed)("lets %s through", async (url) => {
    expect(await guard.check(url)).toBeNull();
  });

  it("a name that does not resolve is refused (fail closed), saying so", async () => {
    expect(await guard.check("https://no-such-host.test/")).toMatch(
      /^refused: no-such-host.test could not be resolved \(ENOTFOUND\)/,
    );
  });

  it("the socket's lookup resolves once and hands over only the vetted address, even to a rebinding resolver", async () => {
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    let calls = 0;
    const rebinding: Resolve = async () =>
      (answers[Math.min(calls++, 1)] ?? []).map((address) => ({ address, family: 4 as const }));
    const g = createTargetGuard(production, rebinding);
    const lookup = (host: string, all: boolean) =>
      new Promise<unknown>((ok, fail) =>
        g.lookup(host, { all }, (err: Error | null, address: unknown) => (err ? fail(err) : ok(address))),
      );
    expect(await lookup("rebind.test", true)).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(calls).toBe(1);
    await expect(lookup("rebind.test", false)).rejects.toMatchObject({
      code: "ETARGETREFUSED",
      message: expect.stringContaining("127.0.0.1"),
    });
  });
});

describe("event endpoint targets in sandbox mode: private allowed, Wharf's own /_meta never (security)", () => {
  const guard = createTargetGuard(sandbox, resolve);
  const own = [
    "http://127.0.0.1:8080/_meta/_emulator/reset",
    "http://localhost:8080/_meta/_emulator/reset",
    "http://localhost.:8080/_meta/_emulator/reset",
    "http://LOCALHOST:8080/_META/_emulator/reset",
    "http://[::1]:8080/_meta/_emulator/reset",
    "http://[::ffff:127.0.0.1]:8080/_meta/_emulator/reset",
    "http://0.0.0.0:8080/_meta/_emulator/reset",
    "http://127.1:8080/_meta/_emulator/reset",
    "http://192.168.1.20:8080/_meta/_emulator/reset",
    "http://127.0.0.1:8080/%5Fmeta/_emulator/reset",
    "http://127.0.0.1:8080/%255Fmeta/_emulator/reset",
    "http://127.0.0.1:8080/./_meta/_emulator/reset",
    "http://127.0.0.1:8080/x/../_meta/_emulator/reset",
    "http://127.0.0.1:8080/x/%2e%2e/_meta/_emulator/reset",
    "http://127.0.0.1:8080//_meta/_emulator/reset",
    "http://127.0.0.1:8080/%2F_meta/_emulator/reset",
    "http://127.0.0.1:8080\\_meta\\_emulator\\reset",
    "http://127.0.0.1:8080/_meta",
  ];
  it.each(own)("refuses %s", async (url) => {
    expect(await guard.check(url)).toMatch(/^refused: .*\/_meta/);
    expect(guard.checkUrl(url)).toMatch(/^refused: .*\/_meta/);
  });

  it("lets the tenant's own local receivers through, and Wharf's other paths", async () => {
    for (const url of [
      "http://127.0.0.1:9000/hook",
      "http://127.0.0.1:9000/_meta/x",
      "http://10.0.0.5/events",
      "http://127.0.0.1:8080/hooks/mine",
    ])
      expect(await guard.check(url), url).toBeNull();
  });
});
