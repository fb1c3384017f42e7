import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Built by `npm run build:web` (run from the repo root, also by `npm ci` through `prepare`);
// the server serves web/dist at `/`. Paths are absolute so the working directory does not matter.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  // Vite's own esbuild compiles TSX; no React plugin needed for a production build.
  esbuild: { jsx: "automatic" },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm start` (port 8080): the dev page then
    // calls the real API on the same origin, so the session cookie and CSRF header work unchanged.
    proxy: { "/v1": "http://127.0.0.1:8080" },
  },
});
