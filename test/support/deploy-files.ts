import fs from "node:fs";
import path from "node:path";

/** The repository's deploy/ folder. */
export const DEPLOY = path.join(import.meta.dirname, "..", "..", "deploy");
export const readDeployFile = (file: string): string => fs.readFileSync(path.join(DEPLOY, file), "utf8");

/** A `COPY` line: from the build stage (`--from=build`) or the context, its sources and destination. */
export interface DockerCopy {
  fromBuild: boolean;
  sources: string[];
  dest: string;
}

/** deploy/Dockerfile's final stage (what the image holds and runs), its continuation lines joined. */
export function dockerfileFinalStage() {
  const text = readDeployFile("Dockerfile");
  const stages = text
    .replace(/\\\n\s*/g, " ")
    .split(/^FROM /m)
    .slice(1);
  const final = stages.at(-1)!;
  const env: Record<string, string> = {};
  for (const m of final.matchAll(/^ENV (.+)$/gm))
    for (const pair of m[1]!.matchAll(/([A-Z_]+)=(\S+)/g)) env[pair[1]!] = pair[2]!;
  const copies: DockerCopy[] = [...final.matchAll(/^COPY (.+)$/gm)].map((m) => {
    const words = m[1]!.trim().split(/\s+/);
    const fromBuild = words[0] === "--from=build";
    const parts = fromBuild ? words.slice(1) : words;
    return { fromBuild, sources: parts.slice(0, -1), dest: parts.at(-1)! };
  });
  return {
    text,
    stages: stages.length,
    user: /^USER (\S+)/m.exec(final)?.[1],
    expose: (/^EXPOSE (.+)$/m.exec(final)?.[1] ?? "").split(/\s+/).map(Number),
    workdir: /^WORKDIR (\S+)$/m.exec(final)![1]!,
    env,
    copies,
  };
}

/** Compose's `${NAME:-default}` with nothing set, as `docker compose up` on a fresh checkout sees it. */
export const composeDefault = (value: unknown): string => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");
