declare const brand: unique symbol;

/**
 * A workspace id that has been checked against the caller's credentials. Every repository function
 * takes one, so a query without a tenant is a type error (design rule 6); the ones that are
 * cross-tenant by nature say so with a `// cross-tenant: <reason>` line (test/architecture.test.ts).
 */
export type WorkspaceId = string & { readonly [brand]: "WorkspaceId" };

/** Only the auth layer and the workspace repository mint these. */
export const asWorkspaceId = (id: string): WorkspaceId => id as WorkspaceId;
