import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/** The two workspaces a test of tenant isolation sets side by side: what A writes, B never reads. */
export const WS_A = asWorkspaceId("ws_a");
export const WS_B = asWorkspaceId("ws_b");
