#!/usr/bin/env node
// The `wharf` command. TypeScript runs through tsx's loader, so there is no build step between
// a checkout and a running server (the dashboard is built by `npm ci`'s prepare script).
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2), process.env);
