// GENERATED from /openapi.json by test/api/generated-api-types.test.ts: do not edit by hand.
// Regenerate with `npm run gen:api-types`; the test fails while this file differs from the routes.
/* eslint-disable @typescript-eslint/no-empty-object-type -- `{}`: an operation without path parameters or query */

export interface ApiPaths {
  "/v1/analytics": {
    get: {
      params: {};
      query: { from: string; to: string; groupBy?: "campaign" | "template" | "phoneNumber" };
      body: never;
      response: {
        from: string;
        to: string;
        groupBy: "campaign" | "template" | "phoneNumber";
        data: {
          /** the campaign id, template name or phone-number id; null: none */
          key: string | null;
          total: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          failuresByCode: { metaCode: number | null; code: string | null; count: number }[];
        }[];
      };
    };
  };
  "/v1/api-keys": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          label: string;
          hint: string;
          createdAt: string;
          lastUsedAt: string | null;
          revokedAt: string | null;
        }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: { label: string };
      response: {
        id: string;
        label: string;
        hint: string;
        createdAt: string;
        lastUsedAt: string | null;
        revokedAt: string | null;
        apiKey: string;
      };
    };
  };
  "/v1/api-keys/{id}": { delete: { params: { id: string }; query: {}; body: never; response: undefined } };
  "/v1/auth/invitations": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          workspace: { id: string; name: string };
          role: "owner" | "admin" | "agent";
          expiresAt: string;
        }[];
      };
    };
  };
  "/v1/auth/invitations/{id}/accept": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/auth/login": {
    post: {
      params: {};
      query: {};
      body: { email: string; password: string };
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/auth/logout": { post: { params: {}; query: {}; body: never; response: undefined } };
  "/v1/auth/me": {
    patch: {
      params: {};
      query: {};
      body: { language: ("en" | "pt-BR" | "es") | null };
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/auth/password": {
    post: { params: {}; query: {}; body: { currentPassword: string; newPassword: string }; response: undefined };
  };
  "/v1/auth/session": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/auth/workspace": {
    post: {
      params: {};
      query: {};
      body: { workspaceId: string };
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/automations": {
    get: {
      params: {};
      query: { status?: "draft" | "enabled" | "paused" | "archived"; cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          name: string;
          description: string | null;
          status: "draft" | "enabled" | "paused" | "archived";
          version: number;
          recipe: string | null;
          trigger:
            | {
                kind: "inbound_message";
                match:
                  | { type: "any" }
                  | { type: "keyword"; keywords: string[] }
                  | { type: "regex"; pattern: string; caseInsensitive: boolean }
                  | { type: "interactive_reply"; replyIds: string[] };
                languages: string[];
              }
            | { kind: "event"; eventType: string; keyPath?: string }
            | { kind: "tag_added"; tag: string }
            | {
                kind: "message_status";
                status: "delivered" | "read" | "failed";
                errorCodes: number[];
                source:
                  | { type: "automation"; automationId?: string; stepId?: string }
                  | { type: "campaign"; campaignId?: string };
              }
            | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
            | { kind: "api" };
          conditions: (
            | {
                kind: "attribute";
                name: string;
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | {
                kind: "contact_field";
                field: "name" | "email" | "phone" | "language" | "externalId";
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | { kind: "tag"; tag: string; present: boolean }
            | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
            | { kind: "window"; open: boolean }
            | {
                kind: "event";
                path: string;
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | {
                kind: "step_status";
                step: string;
                status: "sent" | "delivered" | "read" | "failed" | "replied";
                present: boolean;
              }
          )[];
          steps: (
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "send_template";
                template: {
                  name: string;
                  language: string;
                  header?: { path: string; fallback?: string } | { value: string };
                  body:
                    | ({ path: string; fallback?: string } | { value: string })[]
                    | { [key: string]: { path: string; fallback?: string } | { value: string } };
                  buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
                };
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "send_text";
                text: string;
                fallbackTemplate?: {
                  name: string;
                  language: string;
                  header?: { path: string; fallback?: string } | { value: string };
                  body:
                    | ({ path: string; fallback?: string } | { value: string })[]
                    | { [key: string]: { path: string; fallback?: string } | { value: string } };
                  buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
                };
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "wait";
                seconds: number;
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "wait_until";
                time: string;
                timeZone?: string;
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "wait_for";
                for: "status" | "reply";
                step?: string;
                status?: "delivered" | "read";
                timeoutSeconds: number;
                onMatch: string;
                onTimeout: string;
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "add_tag";
                tag: string;
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "remove_tag";
                tag: string;
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "set_attribute";
                name: string;
                value: { path: string; fallback?: string } | { value: string };
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "call_webhook";
                name: string;
                data: { [key: string]: { path: string; fallback?: string } | { value: string } };
              }
            | {
                id: string;
                label?: string;
                when: (
                  | {
                      kind: "attribute";
                      name: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "contact_field";
                      field: "name" | "email" | "phone" | "language" | "externalId";
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | { kind: "tag"; tag: string; present: boolean }
                  | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                  | { kind: "window"; open: boolean }
                  | {
                      kind: "event";
                      path: string;
                      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                      value?: (string | number | boolean) | (string | number | boolean)[];
                    }
                  | {
                      kind: "step_status";
                      step: string;
                      status: "sent" | "delivered" | "read" | "failed" | "replied";
                      present: boolean;
                    }
                )[];
                kind: "assign";
                userId: string | null;
              }
          )[];
          exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
          reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
          limits: { perContactPerDay: number | null };
          enabledAt: string | null;
          createdAt: string;
          updatedAt: string;
        }[];
        nextCursor: string | null;
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive?: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages?: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes?: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions?: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present?: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present?: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body?:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons?: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body?:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons?: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch?: string;
              onTimeout?: string;
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data?: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when?: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present?: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present?: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit?: { onReply?: boolean; events?: { type: string; sameKey?: boolean }[] };
        reentry?: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits?: { perContactPerDay?: number | null };
        name: string;
        description?: string | null;
        recipe?: string | null;
      };
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/automations/recipes": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          name: string;
          description: string;
          automation: {
            trigger:
              | {
                  kind: "inbound_message";
                  match:
                    | { type: "any" }
                    | { type: "keyword"; keywords: string[] }
                    | { type: "regex"; pattern: string; caseInsensitive: boolean }
                    | { type: "interactive_reply"; replyIds: string[] };
                  languages: string[];
                }
              | { kind: "event"; eventType: string; keyPath?: string }
              | { kind: "tag_added"; tag: string }
              | {
                  kind: "message_status";
                  status: "delivered" | "read" | "failed";
                  errorCodes: number[];
                  source:
                    | { type: "automation"; automationId?: string; stepId?: string }
                    | { type: "campaign"; campaignId?: string };
                }
              | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
              | { kind: "api" };
            conditions: (
              | {
                  kind: "attribute";
                  name: string;
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | {
                  kind: "contact_field";
                  field: "name" | "email" | "phone" | "language" | "externalId";
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | { kind: "tag"; tag: string; present: boolean }
              | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
              | { kind: "window"; open: boolean }
              | {
                  kind: "event";
                  path: string;
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | {
                  kind: "step_status";
                  step: string;
                  status: "sent" | "delivered" | "read" | "failed" | "replied";
                  present: boolean;
                }
            )[];
            steps: (
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "send_template";
                  template: {
                    name: string;
                    language: string;
                    header?: { path: string; fallback?: string } | { value: string };
                    body:
                      | ({ path: string; fallback?: string } | { value: string })[]
                      | { [key: string]: { path: string; fallback?: string } | { value: string } };
                    buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
                  };
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "send_text";
                  text: string;
                  fallbackTemplate?: {
                    name: string;
                    language: string;
                    header?: { path: string; fallback?: string } | { value: string };
                    body:
                      | ({ path: string; fallback?: string } | { value: string })[]
                      | { [key: string]: { path: string; fallback?: string } | { value: string } };
                    buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
                  };
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "wait";
                  seconds: number;
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "wait_until";
                  time: string;
                  timeZone?: string;
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "wait_for";
                  for: "status" | "reply";
                  step?: string;
                  status?: "delivered" | "read";
                  timeoutSeconds: number;
                  onMatch: string;
                  onTimeout: string;
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "add_tag";
                  tag: string;
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "remove_tag";
                  tag: string;
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "set_attribute";
                  name: string;
                  value: { path: string; fallback?: string } | { value: string };
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "call_webhook";
                  name: string;
                  data: { [key: string]: { path: string; fallback?: string } | { value: string } };
                }
              | {
                  id: string;
                  label?: string;
                  when: (
                    | {
                        kind: "attribute";
                        name: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "contact_field";
                        field: "name" | "email" | "phone" | "language" | "externalId";
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | { kind: "tag"; tag: string; present: boolean }
                    | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                    | { kind: "window"; open: boolean }
                    | {
                        kind: "event";
                        path: string;
                        op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                        value?: (string | number | boolean) | (string | number | boolean)[];
                      }
                    | {
                        kind: "step_status";
                        step: string;
                        status: "sent" | "delivered" | "read" | "failed" | "replied";
                        present: boolean;
                      }
                  )[];
                  kind: "assign";
                  userId: string | null;
                }
            )[];
            exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
            reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
            limits: { perContactPerDay: number | null };
            name: string;
            description?: string | null;
            recipe?: string | null;
          };
          templateSteps: { stepId: string; purpose: string }[];
        }[];
      };
    };
  };
  "/v1/automations/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
    patch: {
      params: { id: string };
      query: {};
      body: {
        name?: string;
        description?: string | null;
        /** the trigger, as in POST /v1/automations */
        trigger?: unknown;
        /** the entry conditions, as in POST /v1/automations */
        conditions?: unknown;
        /** the steps, as in POST /v1/automations */
        steps?: unknown;
        /** the exit rules, as in POST /v1/automations */
        exit?: unknown;
        /** the re-entry rule, as in POST /v1/automations */
        reentry?: unknown;
        /** the limits, as in POST /v1/automations */
        limits?: unknown;
      };
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
    delete: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/automations/{id}/dry-run": {
    post: {
      params: { id: string };
      query: {};
      body: {
        /** a contact's id (ctc_...) or phone number */
        contact: string;
        event?: { type?: string; data?: { [key: string]: unknown } };
        message?: { text: string };
        windowOpen?: boolean;
        assume?: "match" | "timeout";
      };
      response: {
        version: number;
        trigger: { matches: boolean; key: string; detail: string | null };
        conditions: {
          condition:
            | {
                kind: "attribute";
                name: string;
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | {
                kind: "contact_field";
                field: "name" | "email" | "phone" | "language" | "externalId";
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | { kind: "tag"; tag: string; present: boolean }
            | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
            | { kind: "window"; open: boolean }
            | {
                kind: "event";
                path: string;
                op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                value?: (string | number | boolean) | (string | number | boolean)[];
              }
            | {
                kind: "step_status";
                step: string;
                status: "sent" | "delivered" | "read" | "failed" | "replied";
                present: boolean;
              };
          passed: boolean;
        }[];
        enters: boolean;
        steps: {
          id: string;
          kind: string;
          label: string | null;
          afterSeconds: number;
          at: string;
          outcome: "would_run" | "skipped";
          reason: string | null;
          conditions: {
            condition:
              | {
                  kind: "attribute";
                  name: string;
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | {
                  kind: "contact_field";
                  field: "name" | "email" | "phone" | "language" | "externalId";
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | { kind: "tag"; tag: string; present: boolean }
              | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
              | { kind: "window"; open: boolean }
              | {
                  kind: "event";
                  path: string;
                  op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                  value?: (string | number | boolean) | (string | number | boolean)[];
                }
              | {
                  kind: "step_status";
                  step: string;
                  status: "sent" | "delivered" | "read" | "failed" | "replied";
                  present: boolean;
                };
            passed: boolean;
          }[];
          message: { [key: string]: unknown } | null;
          detail: string | null;
        }[];
        exits: string[];
      };
    };
  };
  "/v1/automations/{id}/enable": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/automations/{id}/journeys": {
    get: {
      params: { id: string };
      query: { status?: "active" | "completed" | "exited"; cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          automationId: string;
          version: number;
          contactId: string | null;
          waId: string;
          triggerKey: string;
          status: "active" | "completed" | "exited";
          exitReason: string | null;
          stepIndex: number | null;
          dueAt: string | null;
          waitingFor: string | null;
          enteredAt: string;
          endedAt: string | null;
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/automations/{id}/pause": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        description: string | null;
        status: "draft" | "enabled" | "paused" | "archived";
        version: number;
        recipe: string | null;
        trigger:
          | {
              kind: "inbound_message";
              match:
                | { type: "any" }
                | { type: "keyword"; keywords: string[] }
                | { type: "regex"; pattern: string; caseInsensitive: boolean }
                | { type: "interactive_reply"; replyIds: string[] };
              languages: string[];
            }
          | { kind: "event"; eventType: string; keyPath?: string }
          | { kind: "tag_added"; tag: string }
          | {
              kind: "message_status";
              status: "delivered" | "read" | "failed";
              errorCodes: number[];
              source:
                | { type: "automation"; automationId?: string; stepId?: string }
                | { type: "campaign"; campaignId?: string };
            }
          | { kind: "schedule"; cron: string; timeZone?: string; audience: { tag: string } }
          | { kind: "api" };
        conditions: (
          | {
              kind: "attribute";
              name: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "contact_field";
              field: "name" | "email" | "phone" | "language" | "externalId";
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | { kind: "tag"; tag: string; present: boolean }
          | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
          | { kind: "window"; open: boolean }
          | {
              kind: "event";
              path: string;
              op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
              value?: (string | number | boolean) | (string | number | boolean)[];
            }
          | {
              kind: "step_status";
              step: string;
              status: "sent" | "delivered" | "read" | "failed" | "replied";
              present: boolean;
            }
        )[];
        steps: (
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_template";
              template: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "send_text";
              text: string;
              fallbackTemplate?: {
                name: string;
                language: string;
                header?: { path: string; fallback?: string } | { value: string };
                body:
                  | ({ path: string; fallback?: string } | { value: string })[]
                  | { [key: string]: { path: string; fallback?: string } | { value: string } };
                buttons: { index: number; value: { path: string; fallback?: string } | { value: string } }[];
              };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait";
              seconds: number;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_until";
              time: string;
              timeZone?: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "wait_for";
              for: "status" | "reply";
              step?: string;
              status?: "delivered" | "read";
              timeoutSeconds: number;
              onMatch: string;
              onTimeout: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "add_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "remove_tag";
              tag: string;
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "set_attribute";
              name: string;
              value: { path: string; fallback?: string } | { value: string };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "call_webhook";
              name: string;
              data: { [key: string]: { path: string; fallback?: string } | { value: string } };
            }
          | {
              id: string;
              label?: string;
              when: (
                | {
                    kind: "attribute";
                    name: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "contact_field";
                    field: "name" | "email" | "phone" | "language" | "externalId";
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | { kind: "tag"; tag: string; present: boolean }
                | { kind: "consent"; in: ("opted_in" | "opted_out" | "unknown")[] }
                | { kind: "window"; open: boolean }
                | {
                    kind: "event";
                    path: string;
                    op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists" | "in";
                    value?: (string | number | boolean) | (string | number | boolean)[];
                  }
                | {
                    kind: "step_status";
                    step: string;
                    status: "sent" | "delivered" | "read" | "failed" | "replied";
                    present: boolean;
                  }
              )[];
              kind: "assign";
              userId: string | null;
            }
        )[];
        exit: { onReply: boolean; events: { type: string; sameKey: boolean }[] };
        reentry: { mode: "once" } | { mode: "cooldown"; days: number } | { mode: "always" };
        limits: { perContactPerDay: number | null };
        enabledAt: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/automations/{id}/stats": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        entered: number;
        active: number;
        completed: number;
        /** exited journeys by reason (replied, event, opted_out, paused...) */
        exited: { [key: string]: number };
        steps: {
          [key: string]: {
            runs: number;
            outcomes: { [key: string]: number };
            sent: number;
            delivered: number;
            read: number;
            failed: number;
          };
        };
      };
    };
  };
  "/v1/campaigns": {
    get: {
      params: {};
      query: { cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          name: string;
          /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
          status:
            | "draft"
            | "scheduled"
            | "running"
            | "paused"
            | "completed"
            | "completed_with_skips"
            | "failed"
            | "cancelled"
            | "needs_reconnect";
          /** our phone-number id (pn_...) */
          from: string;
          template: {
            name: string;
            language: string;
            /** Meta's template components every recipient gets */
            components?: { [key: string]: unknown }[];
          };
          /** a saved segment's or a tag's contacts, besides the listed recipients */
          audience: ({ segmentId: string } | { tag: string }) | null;
          /** when the audience's members were snapshotted (at start) */
          audienceTakenAt: string | null;
          /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
          failureReason: string | null;
          scheduledAt: string | null;
          createdAt: string;
          /** each message in exactly one bucket (its current status): they add up to the total */
          counts: {
            total: number;
            queued: number;
            /** handed to Meta without an answer; not sent again */
            unknown: number;
            sent: number;
            delivered: number;
            read: number;
            failed: number;
            skipped: number;
          };
          /** cumulative: delivered includes read */
          funnel: { sent: number; delivered: number; read: number };
          /** why recipients were skipped: error code → how many */
          skippedReasons: { [key: string]: number };
          /** only in the answer to the request that caused them */
          warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
        }[];
        nextCursor: string | null;
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        name: string;
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets, e.g. the header image; recipients' `parameters` fill the body */
          components?: { [key: string]: unknown }[];
        };
        recipients?: { to: string; parameters?: (string | number)[] | { [key: string]: string | number } }[];
        /** send to a segment's or a tag's contacts, as they are when the campaign starts (instead of, or besides, `recipients`); each customer once */
        audience?: { segmentId: string } | { tag: string };
        scheduledAt?: string;
        draft?: boolean;
      };
      response: {
        id: string;
        name: string;
        /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
        status:
          | "draft"
          | "scheduled"
          | "running"
          | "paused"
          | "completed"
          | "completed_with_skips"
          | "failed"
          | "cancelled"
          | "needs_reconnect";
        /** our phone-number id (pn_...) */
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets */
          components?: { [key: string]: unknown }[];
        };
        /** a saved segment's or a tag's contacts, besides the listed recipients */
        audience: ({ segmentId: string } | { tag: string }) | null;
        /** when the audience's members were snapshotted (at start) */
        audienceTakenAt: string | null;
        /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
        failureReason: string | null;
        scheduledAt: string | null;
        createdAt: string;
        /** each message in exactly one bucket (its current status): they add up to the total */
        counts: {
          total: number;
          queued: number;
          /** handed to Meta without an answer; not sent again */
          unknown: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          skipped: number;
        };
        /** cumulative: delivered includes read */
        funnel: { sent: number; delivered: number; read: number };
        /** why recipients were skipped: error code → how many */
        skippedReasons: { [key: string]: number };
        /** only in the answer to the request that caused them */
        warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
      };
    };
  };
  "/v1/campaigns/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
        status:
          | "draft"
          | "scheduled"
          | "running"
          | "paused"
          | "completed"
          | "completed_with_skips"
          | "failed"
          | "cancelled"
          | "needs_reconnect";
        /** our phone-number id (pn_...) */
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets */
          components?: { [key: string]: unknown }[];
        };
        /** a saved segment's or a tag's contacts, besides the listed recipients */
        audience: ({ segmentId: string } | { tag: string }) | null;
        /** when the audience's members were snapshotted (at start) */
        audienceTakenAt: string | null;
        /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
        failureReason: string | null;
        scheduledAt: string | null;
        createdAt: string;
        /** each message in exactly one bucket (its current status): they add up to the total */
        counts: {
          total: number;
          queued: number;
          /** handed to Meta without an answer; not sent again */
          unknown: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          skipped: number;
        };
        /** cumulative: delivered includes read */
        funnel: { sent: number; delivered: number; read: number };
        /** why recipients were skipped: error code → how many */
        skippedReasons: { [key: string]: number };
        /** only in the answer to the request that caused them */
        warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
      };
    };
  };
  "/v1/campaigns/{id}/cancel": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
        status:
          | "draft"
          | "scheduled"
          | "running"
          | "paused"
          | "completed"
          | "completed_with_skips"
          | "failed"
          | "cancelled"
          | "needs_reconnect";
        /** our phone-number id (pn_...) */
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets */
          components?: { [key: string]: unknown }[];
        };
        /** a saved segment's or a tag's contacts, besides the listed recipients */
        audience: ({ segmentId: string } | { tag: string }) | null;
        /** when the audience's members were snapshotted (at start) */
        audienceTakenAt: string | null;
        /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
        failureReason: string | null;
        scheduledAt: string | null;
        createdAt: string;
        /** each message in exactly one bucket (its current status): they add up to the total */
        counts: {
          total: number;
          queued: number;
          /** handed to Meta without an answer; not sent again */
          unknown: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          skipped: number;
        };
        /** cumulative: delivered includes read */
        funnel: { sent: number; delivered: number; read: number };
        /** why recipients were skipped: error code → how many */
        skippedReasons: { [key: string]: number };
        /** only in the answer to the request that caused them */
        warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
      };
    };
  };
  "/v1/campaigns/{id}/pause": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
        status:
          | "draft"
          | "scheduled"
          | "running"
          | "paused"
          | "completed"
          | "completed_with_skips"
          | "failed"
          | "cancelled"
          | "needs_reconnect";
        /** our phone-number id (pn_...) */
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets */
          components?: { [key: string]: unknown }[];
        };
        /** a saved segment's or a tag's contacts, besides the listed recipients */
        audience: ({ segmentId: string } | { tag: string }) | null;
        /** when the audience's members were snapshotted (at start) */
        audienceTakenAt: string | null;
        /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
        failureReason: string | null;
        scheduledAt: string | null;
        createdAt: string;
        /** each message in exactly one bucket (its current status): they add up to the total */
        counts: {
          total: number;
          queued: number;
          /** handed to Meta without an answer; not sent again */
          unknown: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          skipped: number;
        };
        /** cumulative: delivered includes read */
        funnel: { sent: number; delivered: number; read: number };
        /** why recipients were skipped: error code → how many */
        skippedReasons: { [key: string]: number };
        /** only in the answer to the request that caused them */
        warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
      };
    };
  };
  "/v1/campaigns/{id}/recipients": {
    post: { params: { id: string }; query: {}; body: never; response: { added: number } };
  };
  "/v1/campaigns/{id}/resume": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        /** completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token */
        status:
          | "draft"
          | "scheduled"
          | "running"
          | "paused"
          | "completed"
          | "completed_with_skips"
          | "failed"
          | "cancelled"
          | "needs_reconnect";
        /** our phone-number id (pn_...) */
        from: string;
        template: {
          name: string;
          language: string;
          /** Meta's template components every recipient gets */
          components?: { [key: string]: unknown }[];
        };
        /** a saved segment's or a tag's contacts, besides the listed recipients */
        audience: ({ segmentId: string } | { tag: string }) | null;
        /** when the audience's members were snapshotted (at start) */
        audienceTakenAt: string | null;
        /** why a `failed` campaign could not start (its segment was deleted before it did); null otherwise */
        failureReason: string | null;
        scheduledAt: string | null;
        createdAt: string;
        /** each message in exactly one bucket (its current status): they add up to the total */
        counts: {
          total: number;
          queued: number;
          /** handed to Meta without an answer; not sent again */
          unknown: number;
          sent: number;
          delivered: number;
          read: number;
          failed: number;
          skipped: number;
        };
        /** cumulative: delivered includes read */
        funnel: { sent: number; delivered: number; read: number };
        /** why recipients were skipped: error code → how many */
        skippedReasons: { [key: string]: number };
        /** only in the answer to the request that caused them */
        warnings?: { code: "SCHEDULED_AT_PAST"; message: string }[];
      };
    };
  };
  "/v1/canned-replies": {
    get: {
      params: {};
      query: {};
      body: never;
      response: { data: { id: string; shortcut: string; text: string; updatedAt: string }[] };
    };
    post: {
      params: {};
      query: {};
      body: { shortcut: string; text: string };
      response: { id: string; shortcut: string; text: string; updatedAt: string };
    };
  };
  "/v1/canned-replies/{id}": {
    patch: {
      params: { id: string };
      query: {};
      body: { shortcut?: string; text?: string };
      response: { id: string; shortcut: string; text: string; updatedAt: string };
    };
    delete: { params: { id: string }; query: {}; body: never; response: undefined };
  };
  "/v1/catalog": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        catalogId: string | null;
        /** the catalog token's health, apart from WhatsApp's */
        status: "none" | "connected" | "needs_reconnect";
        lastError: string | null;
        sync: { state: "idle" | "running" | "paused"; lastError: string | null };
        lastSync: { at: string; counts: { sent: number; synced: number; failed: number; deleted: number } } | null;
        products: { pending: number; syncing: number; synced: number; error: number; deleting: number };
      };
    };
  };
  "/v1/catalog/commerce": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        /** the catalog this workspace syncs (the catalog token's) */
        catalogId: string | null;
        /** catalogs Meta shows connected to the WABA */
        wabaCatalogs: { id: string; name: string | null }[];
        /** whether the synced catalog is the one connected to the WABA */
        linked: boolean;
        numbers: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          isCatalogVisible: boolean | null;
          isCartEnabled: boolean | null;
          error: string | null;
        }[];
      };
    };
  };
  "/v1/catalog/commerce/link": {
    put: {
      params: {};
      query: {};
      body: never;
      response: {
        /** the catalog this workspace syncs (the catalog token's) */
        catalogId: string | null;
        /** catalogs Meta shows connected to the WABA */
        wabaCatalogs: { id: string; name: string | null }[];
        /** whether the synced catalog is the one connected to the WABA */
        linked: boolean;
        numbers: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          isCatalogVisible: boolean | null;
          isCartEnabled: boolean | null;
          error: string | null;
        }[];
      };
    };
    delete: {
      params: {};
      query: {};
      body: never;
      response: {
        /** the catalog this workspace syncs (the catalog token's) */
        catalogId: string | null;
        /** catalogs Meta shows connected to the WABA */
        wabaCatalogs: { id: string; name: string | null }[];
        /** whether the synced catalog is the one connected to the WABA */
        linked: boolean;
        numbers: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          isCatalogVisible: boolean | null;
          isCartEnabled: boolean | null;
          error: string | null;
        }[];
      };
    };
  };
  "/v1/catalog/commerce/numbers/{phoneNumberId}": {
    put: {
      params: { phoneNumberId: string };
      query: {};
      body: { isCatalogVisible?: boolean; isCartEnabled?: boolean };
      response: {
        /** the catalog this workspace syncs (the catalog token's) */
        catalogId: string | null;
        /** catalogs Meta shows connected to the WABA */
        wabaCatalogs: { id: string; name: string | null }[];
        /** whether the synced catalog is the one connected to the WABA */
        linked: boolean;
        numbers: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          isCatalogVisible: boolean | null;
          isCartEnabled: boolean | null;
          error: string | null;
        }[];
      };
    };
  };
  "/v1/catalog/products": {
    get: {
      params: {};
      query: { syncStatus?: "pending" | "syncing" | "synced" | "error"; q?: string; cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          retailerId: string;
          title: string;
          description: string;
          /** minor units of currency */
          price: number;
          currency: string;
          priceFormatted: string;
          salePrice: number | null;
          salePriceFormatted: string | null;
          availability: string;
          condition: string;
          link: string;
          imageLink: string;
          brand: string | null;
          category: string | null;
          itemGroupId: string | null;
          inventory: number | null;
          customLabels: string[];
          contentHash: string;
          createdAt: string;
          updatedAt: string;
          sync: {
            status: "pending" | "syncing" | "synced" | "error";
            error?: { code: number | null; message: string };
            syncedAt: string | null;
          };
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/catalog/products/imports": {
    post: {
      params: {};
      query: {};
      body: never;
      response: {
        id: string;
        format: "csv" | "ndjson";
        status: "running" | "completed" | "failed";
        counts: { rows: number; created: number; updated: number; unchanged: number; failed: number };
        errors: { line: number; message: string }[];
        error: string | null;
        createdAt: string;
        finishedAt: string | null;
      };
    };
  };
  "/v1/catalog/products/imports/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        format: "csv" | "ndjson";
        status: "running" | "completed" | "failed";
        counts: { rows: number; created: number; updated: number; unchanged: number; failed: number };
        errors: { line: number; message: string }[];
        error: string | null;
        createdAt: string;
        finishedAt: string | null;
      };
    };
  };
  "/v1/catalog/products/{retailerId}": {
    get: {
      params: { retailerId: string };
      query: {};
      body: never;
      response: {
        retailerId: string;
        title: string;
        description: string;
        /** minor units of currency */
        price: number;
        currency: string;
        priceFormatted: string;
        salePrice: number | null;
        salePriceFormatted: string | null;
        availability: string;
        condition: string;
        link: string;
        imageLink: string;
        brand: string | null;
        category: string | null;
        itemGroupId: string | null;
        inventory: number | null;
        customLabels: string[];
        contentHash: string;
        createdAt: string;
        updatedAt: string;
        sync: {
          status: "pending" | "syncing" | "synced" | "error";
          error?: { code: number | null; message: string };
          syncedAt: string | null;
        };
      };
    };
    put: {
      params: { retailerId: string };
      query: {};
      body: {
        title: string;
        description: string;
        /** minor units of currency (999 = 9.99 USD) */
        price: number;
        currency:
          | "AED"
          | "AFN"
          | "ALL"
          | "AMD"
          | "ANG"
          | "AOA"
          | "ARS"
          | "AUD"
          | "AWG"
          | "AZN"
          | "BAM"
          | "BBD"
          | "BDT"
          | "BGN"
          | "BHD"
          | "BIF"
          | "BMD"
          | "BND"
          | "BOB"
          | "BRL"
          | "BSD"
          | "BTN"
          | "BWP"
          | "BYN"
          | "BZD"
          | "CAD"
          | "CDF"
          | "CHF"
          | "CLP"
          | "CNY"
          | "COP"
          | "CRC"
          | "CUC"
          | "CUP"
          | "CVE"
          | "CZK"
          | "DJF"
          | "DKK"
          | "DOP"
          | "DZD"
          | "EGP"
          | "ERN"
          | "ETB"
          | "EUR"
          | "FJD"
          | "FKP"
          | "GBP"
          | "GEL"
          | "GHS"
          | "GIP"
          | "GMD"
          | "GNF"
          | "GTQ"
          | "GYD"
          | "HKD"
          | "HNL"
          | "HRK"
          | "HTG"
          | "HUF"
          | "IDR"
          | "ILS"
          | "INR"
          | "IQD"
          | "IRR"
          | "ISK"
          | "JMD"
          | "JOD"
          | "JPY"
          | "KES"
          | "KGS"
          | "KHR"
          | "KMF"
          | "KPW"
          | "KRW"
          | "KWD"
          | "KYD"
          | "KZT"
          | "LAK"
          | "LBP"
          | "LKR"
          | "LRD"
          | "LSL"
          | "LYD"
          | "MAD"
          | "MDL"
          | "MGA"
          | "MKD"
          | "MMK"
          | "MNT"
          | "MOP"
          | "MRU"
          | "MUR"
          | "MVR"
          | "MWK"
          | "MXN"
          | "MYR"
          | "MZN"
          | "NAD"
          | "NGN"
          | "NIO"
          | "NOK"
          | "NPR"
          | "NZD"
          | "OMR"
          | "PAB"
          | "PEN"
          | "PGK"
          | "PHP"
          | "PKR"
          | "PLN"
          | "PYG"
          | "QAR"
          | "RON"
          | "RSD"
          | "RUB"
          | "RWF"
          | "SAR"
          | "SBD"
          | "SCR"
          | "SDG"
          | "SEK"
          | "SGD"
          | "SHP"
          | "SLE"
          | "SLL"
          | "SOS"
          | "SRD"
          | "SSP"
          | "STN"
          | "SVC"
          | "SYP"
          | "SZL"
          | "THB"
          | "TJS"
          | "TMT"
          | "TND"
          | "TOP"
          | "TRY"
          | "TTD"
          | "TWD"
          | "TZS"
          | "UAH"
          | "UGX"
          | "USD"
          | "UYU"
          | "UZS"
          | "VES"
          | "VND"
          | "VUV"
          | "WST"
          | "XAF"
          | "XCD"
          | "XCG"
          | "XDR"
          | "XOF"
          | "XPF"
          | "XSU"
          | "YER"
          | "ZAR"
          | "ZMW"
          | "ZWG"
          | "ZWL";
        salePrice?: number | null;
        availability: "in stock" | "out of stock" | "preorder" | "available for order" | "discontinued";
        condition?: "new" | "refurbished" | "used";
        /** an absolute http(s) URL */
        link: string;
        /** an absolute http(s) URL */
        imageLink: string;
        brand?: string | null;
        category?: string | null;
        itemGroupId?: string | null;
        inventory?: number | null;
        /** Meta's custom_label_0..4 */
        customLabels?: string[];
      };
      response: {
        retailerId: string;
        title: string;
        description: string;
        /** minor units of currency */
        price: number;
        currency: string;
        priceFormatted: string;
        salePrice: number | null;
        salePriceFormatted: string | null;
        availability: string;
        condition: string;
        link: string;
        imageLink: string;
        brand: string | null;
        category: string | null;
        itemGroupId: string | null;
        inventory: number | null;
        customLabels: string[];
        contentHash: string;
        createdAt: string;
        updatedAt: string;
        sync: {
          status: "pending" | "syncing" | "synced" | "error";
          error?: { code: number | null; message: string };
          syncedAt: string | null;
        };
      };
    };
    delete: { params: { retailerId: string }; query: {}; body: never; response: undefined };
  };
  "/v1/catalog/sync": {
    post: {
      params: {};
      query: {};
      body: never;
      response: {
        catalogId: string | null;
        /** the catalog token's health, apart from WhatsApp's */
        status: "none" | "connected" | "needs_reconnect";
        lastError: string | null;
        sync: { state: "idle" | "running" | "paused"; lastError: string | null };
        lastSync: { at: string; counts: { sent: number; synced: number; failed: number; deleted: number } } | null;
        products: { pending: number; syncing: number; synced: number; error: number; deleting: number };
      };
    };
  };
  "/v1/connection": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
    delete: {
      params: {};
      query: {};
      body: never;
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/360dialog": {
    post: {
      params: {};
      query: {};
      body: { apiKey: string };
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/360dialog/prepare": {
    post: { params: {}; query: {}; body: never; response: { url: string; state: string; expiresAt: string } };
  };
  "/v1/connection/360dialog/redirect": {
    post: {
      params: {};
      query: {};
      body: { state: string; client?: string; channels?: string };
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/catalog": {
    put: {
      params: {};
      query: {};
      body: { catalogId: string; accessToken: string };
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
    delete: {
      params: {};
      query: {};
      body: never;
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/check": {
    post: {
      params: {};
      query: {};
      body: never;
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/connect": {
    post: {
      params: {};
      query: {};
      body: { code?: string; state: string; wabaId?: string; phoneNumberId?: string };
      response: {
        status: "disconnected" | "connected" | "needs_reconnect";
        /** the provider the connection goes through (docs/channels.md); "meta" when never connected */
        channel: "meta" | "360dialog";
        waba: { id: string; name: string | null } | null;
        scopes: string[];
        tokenExpiresAt: string | null;
        lastCheckedAt: string | null;
        lastError: string | null;
        catalog: {
          status: "none" | "connected" | "needs_reconnect";
          catalogId: string | null;
          lastError: string | null;
        };
        account: {
          event: string | null;
          /** Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event */
          detail: { [key: string]: unknown } | null;
          at: string | null;
          capabilities: { [key: string]: unknown };
        };
        embeddedSignup?: {
          appId: string;
          configId: string;
          graphVersion: string;
          sdkUrl: string;
          origins: string[];
        } | null;
        onboardedPhoneNumberId?: string | null;
      };
    };
  };
  "/v1/connection/prepare": {
    post: {
      params: {};
      query: {};
      body: { browser?: boolean; popup?: boolean } | null;
      response: { authorizationUrl: string; state: string; expiresAt: string; browserUrl?: string };
    };
  };
  "/v1/contacts": {
    get: {
      params: {};
      query: {
        q?: string;
        tag?: string;
        consent?: "opted_in" | "opted_out" | "unknown";
        lastSeenAfter?: string;
        lastSeenBefore?: string;
        filter?: string;
        cursor?: string;
        limit?: number;
      };
      body: never;
      response: {
        data: {
          id: string;
          /** E.164 with +; null for a contact known only by email or external id */
          phone: string | null;
          /** the key messages and conversations use */
          waId: string;
          /** Meta's business-scoped user id (BSUID), when known */
          userId: string | null;
          username: string | null;
          name: string | null;
          profileName: string | null;
          email: string | null;
          externalId: string | null;
          language: string | null;
          attributes: { [key: string]: string | number | boolean | null };
          tags: string[];
          consent: {
            marketing: "opted_in" | "opted_out" | "unknown";
            source: string | null;
            at: string | null;
            proof: string | null;
          };
          lastSeenAt: string | null;
          createdAt: string;
          updatedAt: string;
          /** as before the contacts issue: consent.marketing as true/false/null */
          marketingOptIn: boolean | null;
          consentSource: string | null;
          consentAt: string | null;
          lastInboundAt: string | null;
          conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
        }[];
        nextCursor: string | null;
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        phone?: string;
        name?: string | null;
        email?: string | null;
        externalId?: string | null;
        language?: string | null;
        /** custom attributes by name: text, number, date (ISO) or boolean; null removes one */
        attributes?: { [key: string]: string | number | boolean | null };
        /** marketing consent (owner or admin) */
        consent?: {
          marketing: "opted_in" | "opted_out";
          /** what the customer agreed to, where and how */
          proof?: string | null;
        };
        tags?: string[];
      };
      response: {
        id: string;
        /** E.164 with +; null for a contact known only by email or external id */
        phone: string | null;
        /** the key messages and conversations use */
        waId: string;
        /** Meta's business-scoped user id (BSUID), when known */
        userId: string | null;
        username: string | null;
        name: string | null;
        profileName: string | null;
        email: string | null;
        externalId: string | null;
        language: string | null;
        attributes: { [key: string]: string | number | boolean | null };
        tags: string[];
        consent: {
          marketing: "opted_in" | "opted_out" | "unknown";
          source: string | null;
          at: string | null;
          proof: string | null;
        };
        lastSeenAt: string | null;
        createdAt: string;
        updatedAt: string;
        /** as before the contacts issue: consent.marketing as true/false/null */
        marketingOptIn: boolean | null;
        consentSource: string | null;
        consentAt: string | null;
        lastInboundAt: string | null;
        conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
      };
    };
  };
  "/v1/contacts/attributes": {
    get: {
      params: {};
      query: {};
      body: never;
      response: { data: { name: string; type: "text" | "number" | "date" | "boolean" }[] };
    };
  };
  "/v1/contacts/attributes/{name}": {
    put: {
      params: { name: string };
      query: {};
      body: { type: "text" | "number" | "date" | "boolean" };
      response: { name: string; type: "text" | "number" | "date" | "boolean" };
    };
  };
  "/v1/contacts/consent-keywords": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        stop: { [key: string]: string[] };
        start: { [key: string]: string[] };
        /** false: the defaults apply */
        custom: boolean;
      };
    };
    put: {
      params: {};
      query: {};
      body: { stop: { [key: string]: string[] }; start: { [key: string]: string[] } } | { reset: true };
      response: {
        stop: { [key: string]: string[] };
        start: { [key: string]: string[] };
        /** false: the defaults apply */
        custom: boolean;
      };
    };
  };
  "/v1/contacts/export": {
    get: {
      params: {};
      query: {
        q?: string;
        tag?: string;
        consent?: "opted_in" | "opted_out" | "unknown";
        lastSeenAfter?: string;
        lastSeenBefore?: string;
        filter?: string;
        format?: "csv" | "ndjson";
      };
      body: never;
      response: unknown;
    };
  };
  "/v1/contacts/imports": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          format: "csv" | "ndjson";
          status: "running" | "completed" | "failed";
          counts: { rows: number; created: number; updated: number; failed: number };
          /** the first 1,000 rows refused */
          errors: { line: number; message: string }[];
          /** why a failed import stopped */
          error: string | null;
          createdAt: string;
          finishedAt: string | null;
        }[];
      };
    };
    post: {
      params: {};
      query: { preview?: "true" | "false"; mapping?: string };
      body: never;
      response:
        | {
            preview: true;
            format: "csv" | "ndjson";
            /** null for NDJSON, whose keys name the fields */
            columns:
              | {
                  header: string;
                  field:
                    | "phone"
                    | "name"
                    | "first_name"
                    | "last_name"
                    | "email"
                    | "external_id"
                    | "language"
                    | "tags"
                    | "consent"
                    | "consent_proof"
                    | "consent_at"
                    | "attribute"
                    | "ignore";
                  attribute?: string;
                  type?: ("text" | "number" | "date" | "boolean") | null;
                }[]
              | null;
            rows: {
              line: number;
              /** why the row would be refused */
              error?: string;
              /** the contact the row would become */
              contact?: {
                waId: string;
                name: string | null;
                email: string | null;
                externalId: string | null;
                language: string | null;
                tags: string[];
                /** at: milliseconds since the epoch */
                consent: { optIn: boolean; at: number | null; proof: string | null } | null;
                attributes: { [key: string]: string | number | boolean | null };
              };
            }[];
          }
        | {
            id: string;
            format: "csv" | "ndjson";
            status: "running" | "completed" | "failed";
            counts: { rows: number; created: number; updated: number; failed: number };
            /** the first 1,000 rows refused */
            errors: { line: number; message: string }[];
            /** why a failed import stopped */
            error: string | null;
            createdAt: string;
            finishedAt: string | null;
          };
    };
  };
  "/v1/contacts/imports/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        format: "csv" | "ndjson";
        status: "running" | "completed" | "failed";
        counts: { rows: number; created: number; updated: number; failed: number };
        /** the first 1,000 rows refused */
        errors: { line: number; message: string }[];
        /** why a failed import stopped */
        error: string | null;
        createdAt: string;
        finishedAt: string | null;
      };
    };
  };
  "/v1/contacts/tags": {
    get: { params: {}; query: {}; body: never; response: { data: { tag: string; count: number }[] } };
  };
  "/v1/contacts/{idOrPhone}": {
    get: {
      params: { idOrPhone: string };
      query: {};
      body: never;
      response: {
        id: string;
        /** E.164 with +; null for a contact known only by email or external id */
        phone: string | null;
        /** the key messages and conversations use */
        waId: string;
        /** Meta's business-scoped user id (BSUID), when known */
        userId: string | null;
        username: string | null;
        name: string | null;
        profileName: string | null;
        email: string | null;
        externalId: string | null;
        language: string | null;
        attributes: { [key: string]: string | number | boolean | null };
        tags: string[];
        consent: {
          marketing: "opted_in" | "opted_out" | "unknown";
          source: string | null;
          at: string | null;
          proof: string | null;
        };
        lastSeenAt: string | null;
        createdAt: string;
        updatedAt: string;
        /** as before the contacts issue: consent.marketing as true/false/null */
        marketingOptIn: boolean | null;
        consentSource: string | null;
        consentAt: string | null;
        lastInboundAt: string | null;
        conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
      };
    };
    put: {
      params: { idOrPhone: string };
      query: {};
      body: { name?: string | null; marketingOptIn?: boolean };
      response: {
        id: string;
        /** E.164 with +; null for a contact known only by email or external id */
        phone: string | null;
        /** the key messages and conversations use */
        waId: string;
        /** Meta's business-scoped user id (BSUID), when known */
        userId: string | null;
        username: string | null;
        name: string | null;
        profileName: string | null;
        email: string | null;
        externalId: string | null;
        language: string | null;
        attributes: { [key: string]: string | number | boolean | null };
        tags: string[];
        consent: {
          marketing: "opted_in" | "opted_out" | "unknown";
          source: string | null;
          at: string | null;
          proof: string | null;
        };
        lastSeenAt: string | null;
        createdAt: string;
        updatedAt: string;
        /** as before the contacts issue: consent.marketing as true/false/null */
        marketingOptIn: boolean | null;
        consentSource: string | null;
        consentAt: string | null;
        lastInboundAt: string | null;
        conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
      };
    };
    patch: {
      params: { idOrPhone: string };
      query: {};
      body: {
        name?: string | null;
        email?: string | null;
        externalId?: string | null;
        language?: string | null;
        /** custom attributes by name: text, number, date (ISO) or boolean; null removes one */
        attributes?: { [key: string]: string | number | boolean | null };
        /** marketing consent (owner or admin) */
        consent?: {
          marketing: "opted_in" | "opted_out";
          /** what the customer agreed to, where and how */
          proof?: string | null;
        };
        /** the whole set */
        tags?: string[];
        addTags?: string[];
        removeTags?: string[];
      };
      response: {
        id: string;
        /** E.164 with +; null for a contact known only by email or external id */
        phone: string | null;
        /** the key messages and conversations use */
        waId: string;
        /** Meta's business-scoped user id (BSUID), when known */
        userId: string | null;
        username: string | null;
        name: string | null;
        profileName: string | null;
        email: string | null;
        externalId: string | null;
        language: string | null;
        attributes: { [key: string]: string | number | boolean | null };
        tags: string[];
        consent: {
          marketing: "opted_in" | "opted_out" | "unknown";
          source: string | null;
          at: string | null;
          proof: string | null;
        };
        lastSeenAt: string | null;
        createdAt: string;
        updatedAt: string;
        /** as before the contacts issue: consent.marketing as true/false/null */
        marketingOptIn: boolean | null;
        consentSource: string | null;
        consentAt: string | null;
        lastInboundAt: string | null;
        conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
      };
    };
    delete: {
      params: { idOrPhone: string };
      query: {};
      body: never;
      response: { id: string; erased: true; messagesErased: number };
    };
  };
  "/v1/contacts/{idOrPhone}/consent-history": {
    get: {
      params: { idOrPhone: string };
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          marketing: "opted_in" | "opted_out";
          source: string | null;
          at: string;
          proof: string | null;
          applied: boolean;
          recordedAt: string;
        }[];
      };
    };
  };
  "/v1/contacts/{idOrPhone}/events": {
    get: {
      params: { idOrPhone: string };
      query: { type?: string; cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          type: string;
          contactId: string;
          source: string;
          data: { [key: string]: unknown };
          /** when it happened */
          occurredAt: string;
          /** when Wharf heard of it */
          recordedAt: string;
          idempotencyKey: string | null;
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/conversations": {
    get: {
      params: {};
      query: {
        cursor?: string;
        limit?: number;
        phoneNumberId?: string;
        waId?: string;
        unread?: "true" | "false";
        status?: "open" | "pending" | "resolved";
        assignee?: string;
        label?: string;
        q?: string;
      };
      body: never;
      response: {
        data: {
          id: string;
          contact: {
            /** the phone number, or Meta's business-scoped user id when the customer's phone is withheld */
            waId: string;
            name: string | null;
            /** the customer's WhatsApp username, when Meta sent one */
            username: string | null;
          };
          phoneNumberId: string;
          lastMessageAt: string;
          windowExpiresAt: string | null;
          windowOpen: boolean;
          unreadCount: number;
          /** open: an agent should act; pending: waiting on the customer; resolved. A customer's message reopens it. */
          status: "open" | "pending" | "resolved";
          /** the user the conversation is assigned to */
          assigneeId: string | null;
          labels: string[];
          lastMessage: {
            id: string;
            direction: "inbound" | "outbound";
            type: string;
            /** one line: the text, a caption, or [image], [order] … */
            preview: string;
            status: string;
            at: string;
          } | null;
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/conversations/unread-count": {
    get: { params: {}; query: {}; body: never; response: { conversations: number; messages: number } };
  };
  "/v1/conversations/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        contact: {
          /** the phone number, or Meta's business-scoped user id when the customer's phone is withheld */
          waId: string;
          name: string | null;
          /** the customer's WhatsApp username, when Meta sent one */
          username: string | null;
        };
        phoneNumberId: string;
        lastMessageAt: string;
        windowExpiresAt: string | null;
        windowOpen: boolean;
        unreadCount: number;
        /** open: an agent should act; pending: waiting on the customer; resolved. A customer's message reopens it. */
        status: "open" | "pending" | "resolved";
        /** the user the conversation is assigned to */
        assigneeId: string | null;
        labels: string[];
        lastMessage: {
          id: string;
          direction: "inbound" | "outbound";
          type: string;
          /** one line: the text, a caption, or [image], [order] … */
          preview: string;
          status: string;
          at: string;
        } | null;
      };
    };
    patch: {
      params: { id: string };
      query: {};
      body: { status?: "open" | "pending" | "resolved"; assigneeId?: string | null; labels?: string[] };
      response: {
        id: string;
        contact: {
          /** the phone number, or Meta's business-scoped user id when the customer's phone is withheld */
          waId: string;
          name: string | null;
          /** the customer's WhatsApp username, when Meta sent one */
          username: string | null;
        };
        phoneNumberId: string;
        lastMessageAt: string;
        windowExpiresAt: string | null;
        windowOpen: boolean;
        unreadCount: number;
        /** open: an agent should act; pending: waiting on the customer; resolved. A customer's message reopens it. */
        status: "open" | "pending" | "resolved";
        /** the user the conversation is assigned to */
        assigneeId: string | null;
        labels: string[];
        lastMessage: {
          id: string;
          direction: "inbound" | "outbound";
          type: string;
          /** one line: the text, a caption, or [image], [order] … */
          preview: string;
          status: string;
          at: string;
        } | null;
      };
    };
  };
  "/v1/conversations/{id}/messages": {
    get: {
      params: { id: string };
      query: { cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          direction: "inbound" | "outbound";
          status: "queued" | "sending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
          /** Meta's message id, once Meta accepted it */
          wamid: string | null;
          /** outbound: our phone-number id; inbound: the customer's phone */
          from: string;
          to: string;
          /** Meta's message type (text, image, template, … or one Wharf does not know yet) */
          type: string;
          /** the type's object as sent to Meta (outbound) or as Meta delivered it (inbound) */
          content: { [key: string]: unknown };
          campaignId: string | null;
          error: {
            /** our code (docs/errors.md) */
            code: string;
            message: string;
            metaCode: number | null;
            metaTitle: string | null;
            fbtraceId: string | null;
          } | null;
          createdAt: string;
          /** one message's status history (GET /v1/messages/{id} only) */
          events?: { status: string; at: string }[];
        }[];
        nextCursor: string | null;
      };
    };
    post: {
      params: { id: string };
      query: {};
      body:
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "text";
            text: { body: string; preview_url?: boolean };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "template";
            template: {
              name: string;
              language: string | { code: string };
              components?: unknown[];
              parameters?: (string | number)[] | { [key: string]: string | number };
            };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "image";
            image: { id: string; caption?: string } | { link: string; caption?: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "video";
            video: { id: string; caption?: string } | { link: string; caption?: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "document";
            document:
              | { id: string; caption?: string; filename?: string }
              | { link: string; caption?: string; filename?: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "audio";
            audio: { id: string } | { link: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "sticker";
            sticker: { id: string } | { link: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "interactive";
            interactive:
              | {
                  type: "button";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
                }
              | {
                  type: "list";
                  header?: { type: "text"; text: string };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    button: string;
                    sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
                  };
                }
              | {
                  type: "cta_url";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: { name: "cta_url"; parameters: { display_text: string; url: string } };
                }
              | {
                  type: "product";
                  body?: { text: string };
                  footer?: { text: string };
                  action: { catalog_id: string; product_retailer_id: string };
                }
              | {
                  type: "product_list";
                  header: { type: "text"; text: string };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    catalog_id: string;
                    sections: { title?: string; product_items: { product_retailer_id: string }[] }[];
                  };
                }
              | {
                  type: "catalog_message";
                  body: { text: string };
                  footer?: { text: string };
                  action: { name: "catalog_message"; parameters?: { thumbnail_product_retailer_id: string } };
                }
              | {
                  type: "flow";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    name: "flow";
                    parameters: {
                      flow_message_version: string;
                      flow_cta: string;
                      flow_id?: string;
                      flow_name?: string;
                      flow_token?: string;
                      mode?: "draft" | "published";
                      flow_action?: "navigate" | "data_exchange";
                      [key: string]: unknown;
                    };
                  };
                }
              | { type: "location_request_message"; body: { text: string }; action: { name: "send_location" } };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "reaction";
            reaction: { message_id: string; emoji: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "location";
            location: { latitude: number; longitude: number; name?: string; address?: string };
          }
        | {
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "contacts";
            contacts: {
              name: {
                formatted_name: string;
                first_name?: string;
                last_name?: string;
                middle_name?: string;
                suffix?: string;
                prefix?: string;
              };
              birthday?: string;
              phones?: { phone?: string; type?: string; wa_id?: string }[];
              emails?: { email?: string; type?: string }[];
              urls?: { url?: string; type?: string }[];
              org?: { company?: string; department?: string; title?: string };
              addresses?: {
                street?: string;
                city?: string;
                state?: string;
                zip?: string;
                country?: string;
                country_code?: string;
                type?: string;
              }[];
            }[];
          };
      response: { id: string; status: string };
    };
  };
  "/v1/conversations/{id}/notes": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: { data: { id: string; authorUserId: string | null; body: string; createdAt: string }[] };
    };
    post: {
      params: { id: string };
      query: {};
      body: { body: string };
      response: { id: string; authorUserId: string | null; body: string; createdAt: string };
    };
  };
  "/v1/conversations/{id}/read": {
    post: { params: { id: string }; query: {}; body: never; response: { read: boolean; toldMeta: boolean } };
  };
  "/v1/events": {
    get: { params: {}; query: {}; body: never; response: unknown };
    post: {
      params: {};
      query: {};
      body: {
        /** a type of GET /v1/events/types */
        type: string;
        /** who it is about; found by phone, then externalId, then email, or created */
        contact: { phone?: string; email?: string; externalId?: string };
        data?: { [key: string]: unknown };
        /** when it happened; now by default */
        occurredAt?: string;
        /** the same key again answers the first event's id and records nothing */
        idempotencyKey?: string;
      };
      response: { id: string };
    };
  };
  "/v1/events/types": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          type: string;
          builtIn: boolean;
          description: string | null;
          /** JSON Schema of the event's data; fields not listed are allowed */
          schema: unknown;
          fields?: {
            name: string;
            type: "string" | "number" | "integer" | "boolean" | "datetime" | "object" | "array";
            required: boolean;
            description?: string;
          }[];
        }[];
      };
    };
  };
  "/v1/events/types/{type}": {
    put: {
      params: { type: string };
      query: {};
      body: {
        description?: string;
        fields: {
          name: string;
          type: "string" | "number" | "integer" | "boolean" | "datetime" | "object" | "array";
          required?: boolean;
          description?: string;
        }[];
      };
      response: {
        type: string;
        builtIn: boolean;
        description: string | null;
        /** JSON Schema of the event's data; fields not listed are allowed */
        schema: unknown;
        fields?: {
          name: string;
          type: "string" | "number" | "integer" | "boolean" | "datetime" | "object" | "array";
          required: boolean;
          description?: string;
        }[];
      };
    };
    delete: { params: { type: string }; query: {}; body: never; response: undefined };
  };
  "/v1/integrations/shopify": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        shopDomain: string;
        /** where to point the shop's webhooks (Settings → Notifications → Webhooks) */
        webhookUrl: string;
        topics: string[];
        /** the secret itself is never returned */
        hasWebhookSecret: boolean;
        lastWebhook: { topic: string; outcome: string; receivedAt: string } | null;
        createdAt: string;
        updatedAt: string;
      };
    };
    put: {
      params: {};
      query: {};
      body: {
        shopDomain: string;
        /** the shop's webhook signing secret; never shown again */
        webhookSecret: string;
      };
      response: {
        shopDomain: string;
        /** where to point the shop's webhooks (Settings → Notifications → Webhooks) */
        webhookUrl: string;
        topics: string[];
        /** the secret itself is never returned */
        hasWebhookSecret: boolean;
        lastWebhook: { topic: string; outcome: string; receivedAt: string } | null;
        createdAt: string;
        updatedAt: string;
      };
    };
    delete: { params: {}; query: {}; body: never; response: undefined };
  };
  "/v1/invitations": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          email: string;
          role: "owner" | "admin" | "agent";
          status: "pending";
          createdAt: string;
          expiresAt: string;
        }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: { email: string; role: "owner" | "admin" | "agent" };
      response: {
        id: string;
        email: string;
        role: "owner" | "admin" | "agent";
        status: "pending";
        createdAt: string;
        expiresAt: string;
        acceptUrl: string;
      };
    };
  };
  "/v1/invitations/accept": {
    post: {
      params: {};
      query: {};
      body: { token: string; name: string; password: string };
      response: {
        user: {
          id: string;
          email: string;
          name: string;
          /** the dashboard's language; null: follow the browser */
          language: ("en" | "pt-BR" | "es") | null;
        };
        workspaces: { id: string; name: string; role: "owner" | "admin" | "agent" }[];
        activeWorkspaceId: string;
        workspaceSettings: {
          /** the active workspace's IANA time zone */
          timeZone: string;
          /** the dashboard's language for members who chose none and whose browser speaks none of these */
          defaultLanguage: "en" | "pt-BR" | "es";
        };
        csrfToken: string;
      };
    };
  };
  "/v1/invitations/{id}": { delete: { params: { id: string }; query: {}; body: never; response: undefined } };
  "/v1/journeys/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        automationId: string;
        version: number;
        contactId: string | null;
        waId: string;
        triggerKey: string;
        status: "active" | "completed" | "exited";
        exitReason: string | null;
        stepIndex: number | null;
        dueAt: string | null;
        waitingFor: string | null;
        enteredAt: string;
        endedAt: string | null;
        steps: {
          seq: number;
          stepId: string;
          kind: string;
          status: string;
          outcome: string | null;
          messageId: string | null;
          messageStatus: string | null;
          variant: string | null;
          at: string;
        }[];
      };
    };
  };
  "/v1/media": {
    post: {
      params: {};
      query: { phoneNumberId?: string; fileName?: string; type?: string };
      body: never;
      response: {
        /** Meta's media id, for image/video/document/audio/sticker {id} in POST /v1/messages */
        id: string;
        phoneNumberId: string;
        metaPhoneNumberId: string;
        mimeType: string;
        fileName: string;
        fileSize: number;
        sha256: string;
        expiresAt: string;
      };
    };
  };
  "/v1/media/inbound/{metaMediaId}": {
    get: { params: { metaMediaId: string }; query: {}; body: never; response: unknown };
  };
  "/v1/media/uploads": {
    post: {
      params: {};
      query: { fileName?: string; type?: string };
      body: never;
      response: {
        handle: string;
        fileName: string;
        fileType: string;
        fileLength: number;
        sha256: string;
        resumes: number;
      };
    };
  };
  "/v1/messages": {
    get: {
      params: {};
      query: {
        status?: "queued" | "sending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
        to?: string;
        campaignId?: string;
        cursor?: string;
        limit?: number;
      };
      body: never;
      response: {
        data: {
          id: string;
          direction: "inbound" | "outbound";
          status: "queued" | "sending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
          /** Meta's message id, once Meta accepted it */
          wamid: string | null;
          /** outbound: our phone-number id; inbound: the customer's phone */
          from: string;
          to: string;
          /** Meta's message type (text, image, template, … or one Wharf does not know yet) */
          type: string;
          /** the type's object as sent to Meta (outbound) or as Meta delivered it (inbound) */
          content: { [key: string]: unknown };
          campaignId: string | null;
          error: {
            /** our code (docs/errors.md) */
            code: string;
            message: string;
            metaCode: number | null;
            metaTitle: string | null;
            fbtraceId: string | null;
          } | null;
          createdAt: string;
          /** one message's status history (GET /v1/messages/{id} only) */
          events?: { status: string; at: string }[];
        }[];
        nextCursor: string | null;
      };
    };
    post: {
      params: {};
      query: {};
      body:
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "text";
            text: { body: string; preview_url?: boolean };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "template";
            template: {
              name: string;
              language: string | { code: string };
              components?: unknown[];
              parameters?: (string | number)[] | { [key: string]: string | number };
            };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "image";
            image: { id: string; caption?: string } | { link: string; caption?: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "video";
            video: { id: string; caption?: string } | { link: string; caption?: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "document";
            document:
              | { id: string; caption?: string; filename?: string }
              | { link: string; caption?: string; filename?: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "audio";
            audio: { id: string } | { link: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "sticker";
            sticker: { id: string } | { link: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "interactive";
            interactive:
              | {
                  type: "button";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
                }
              | {
                  type: "list";
                  header?: { type: "text"; text: string };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    button: string;
                    sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
                  };
                }
              | {
                  type: "cta_url";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: { name: "cta_url"; parameters: { display_text: string; url: string } };
                }
              | {
                  type: "product";
                  body?: { text: string };
                  footer?: { text: string };
                  action: { catalog_id: string; product_retailer_id: string };
                }
              | {
                  type: "product_list";
                  header: { type: "text"; text: string };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    catalog_id: string;
                    sections: { title?: string; product_items: { product_retailer_id: string }[] }[];
                  };
                }
              | {
                  type: "catalog_message";
                  body: { text: string };
                  footer?: { text: string };
                  action: { name: "catalog_message"; parameters?: { thumbnail_product_retailer_id: string } };
                }
              | {
                  type: "flow";
                  header?:
                    | { type: "text"; text: string }
                    | { type: "image"; image: { id: string; caption?: string } | { link: string; caption?: string } }
                    | { type: "video"; video: { id: string; caption?: string } | { link: string; caption?: string } }
                    | {
                        type: "document";
                        document:
                          | { id: string; caption?: string; filename?: string }
                          | { link: string; caption?: string; filename?: string };
                      };
                  body: { text: string };
                  footer?: { text: string };
                  action: {
                    name: "flow";
                    parameters: {
                      flow_message_version: string;
                      flow_cta: string;
                      flow_id?: string;
                      flow_name?: string;
                      flow_token?: string;
                      mode?: "draft" | "published";
                      flow_action?: "navigate" | "data_exchange";
                      [key: string]: unknown;
                    };
                  };
                }
              | { type: "location_request_message"; body: { text: string }; action: { name: "send_location" } };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "reaction";
            reaction: { message_id: string; emoji: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "location";
            location: { latitude: number; longitude: number; name?: string; address?: string };
          }
        | {
            /** our phone-number id (pn_...) or Meta's phone number id */
            from: string;
            /** the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone */
            to: string;
            /** our message id (msg_...) or Meta's wamid to quote */
            replyTo?: string;
            type: "contacts";
            contacts: {
              name: {
                formatted_name: string;
                first_name?: string;
                last_name?: string;
                middle_name?: string;
                suffix?: string;
                prefix?: string;
              };
              birthday?: string;
              phones?: { phone?: string; type?: string; wa_id?: string }[];
              emails?: { email?: string; type?: string }[];
              urls?: { url?: string; type?: string }[];
              org?: { company?: string; department?: string; title?: string };
              addresses?: {
                street?: string;
                city?: string;
                state?: string;
                zip?: string;
                country?: string;
                country_code?: string;
                type?: string;
              }[];
            }[];
          };
      response: { id: string; status: string };
    };
  };
  "/v1/messages/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        direction: "inbound" | "outbound";
        status: "queued" | "sending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
        /** Meta's message id, once Meta accepted it */
        wamid: string | null;
        /** outbound: our phone-number id; inbound: the customer's phone */
        from: string;
        to: string;
        /** Meta's message type (text, image, template, … or one Wharf does not know yet) */
        type: string;
        /** the type's object as sent to Meta (outbound) or as Meta delivered it (inbound) */
        content: { [key: string]: unknown };
        campaignId: string | null;
        error: {
          /** our code (docs/errors.md) */
          code: string;
          message: string;
          metaCode: number | null;
          metaTitle: string | null;
          fbtraceId: string | null;
        } | null;
        createdAt: string;
        /** one message's status history (GET /v1/messages/{id} only) */
        events?: { status: string; at: string }[];
      };
    };
  };
  "/v1/messaging-limit": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        portfolio: {
          /** Meta's business portfolio (the WABA's owner business) */
          businessId: string | null;
          wabaId: string;
          /** as Meta reports it: TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED */
          tier: string | null;
          /** unique customers per moving 24 hours; null when unlimited */
          limit: number | null;
          /** unique customers reached business-initiated in the last 24 hours */
          used: number;
          windowHours: number;
          /** the portfolio's numbers Wharf holds, which share the limit */
          phoneNumbers: number;
        } | null;
      };
    };
  };
  "/v1/phone-numbers": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          verifiedName: string | null;
          qualityRating: string | null;
          messagingLimit: string | null;
          throughput: number;
          status: string | null;
          active: boolean;
          sendingPaused: boolean;
          lastError: string | null;
          lastSyncedAt: string | null;
        }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: { countryCode: string; phoneNumber: string; displayName: string };
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/migrations": {
    post: {
      params: {};
      query: {};
      body: { countryCode: string; phoneNumber: string; displayName?: string; twoStepDisabledConfirmed: true };
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/migrations/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/migrations/{id}/templates": {
    post: {
      params: { id: string };
      query: {};
      body: {
        templates?: {
          name: string;
          language: string;
          category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
          parameterFormat?: "POSITIONAL" | "NAMED";
          messageSendTtlSeconds?: number;
          components: { [key: string]: unknown }[];
        }[];
        skip?: boolean;
      };
      response: {
        workflow: {
          id: string;
          kind: "add" | "migration" | "deletion";
          state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
          step: string;
          steps: string[];
          error: {
            code: string;
            /** what went wrong and what to do next */
            message: string;
            metaCode: number | null;
            step: string;
            retryAfterSeconds?: number;
          } | null;
          phoneNumberId: string | null;
          metaPhoneNumberId: string | null;
          countryCode: string | null;
          phoneNumber: string | null;
          displayName: string | null;
          scheduledFor: string | null;
          templates: unknown[] | null;
          createdAt: string;
          updatedAt: string;
        };
        results: {
          name: string;
          language: string;
          ok: boolean;
          id: string | null;
          status: string | null;
          error: { code: string; message: string } | null;
        }[];
      };
    };
  };
  "/v1/phone-numbers/sync": {
    post: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          metaPhoneNumberId: string;
          displayPhoneNumber: string;
          verifiedName: string | null;
          qualityRating: string | null;
          messagingLimit: string | null;
          throughput: number;
          status: string | null;
          active: boolean;
          sendingPaused: boolean;
          lastError: string | null;
          lastSyncedAt: string | null;
        }[];
      };
    };
  };
  "/v1/phone-numbers/workflows/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/workflows/{id}/resume": {
    post: {
      params: { id: string };
      query: {};
      body: { displayName?: string; twoStepDisabledConfirmed?: boolean } | null;
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/{id}/activate": {
    post: {
      params: { id: string };
      query: {};
      body: { pin: string };
      response: {
        id: string;
        metaPhoneNumberId: string;
        displayPhoneNumber: string;
        verifiedName: string | null;
        qualityRating: string | null;
        messagingLimit: string | null;
        throughput: number;
        status: string | null;
        active: boolean;
        sendingPaused: boolean;
        lastError: string | null;
        lastSyncedAt: string | null;
      };
    };
  };
  "/v1/phone-numbers/{id}/deactivate": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        metaPhoneNumberId: string;
        displayPhoneNumber: string;
        verifiedName: string | null;
        qualityRating: string | null;
        messagingLimit: string | null;
        throughput: number;
        status: string | null;
        active: boolean;
        sendingPaused: boolean;
        lastError: string | null;
        lastSyncedAt: string | null;
      };
    };
  };
  "/v1/phone-numbers/{id}/deletion": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        state: "none" | "scheduled" | "cancelled" | "deleting" | "deleted" | "failed";
        scheduledFor: string | null;
        workflowId: string | null;
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        checks:
          { check: "messages_last_30_days" | "dues_settled" | "not_banned"; ok: boolean; detail: string }[] | null;
      };
    };
    post: {
      params: { id: string };
      query: {};
      body: {
        scheduledFor?: string;
        /** the operator confirms the business owes Meta nothing */
        duesSettled?: boolean;
      } | null;
      response: {
        state: "none" | "scheduled" | "cancelled" | "deleting" | "deleted" | "failed";
        scheduledFor: string | null;
        workflowId: string | null;
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        checks:
          { check: "messages_last_30_days" | "dues_settled" | "not_banned"; ok: boolean; detail: string }[] | null;
      };
    };
    delete: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        state: "none" | "scheduled" | "cancelled" | "deleting" | "deleted" | "failed";
        scheduledFor: string | null;
        workflowId: string | null;
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        checks:
          { check: "messages_last_30_days" | "dues_settled" | "not_banned"; ok: boolean; detail: string }[] | null;
      };
    };
  };
  "/v1/phone-numbers/{id}/deregister": {
    post: {
      params: { id: string };
      query: {};
      body: never;
      response: { id: string; active: boolean; status: string | null };
    };
  };
  "/v1/phone-numbers/{id}/health": {
    get: {
      params: { id: string };
      query: { refresh?: "true" | "false" };
      body: never;
      response: {
        id: string;
        qualityRating: string | null;
        status: string | null;
        nameStatus: string | null;
        /** messages per second */
        throughput: number;
        canSend: boolean;
        /** Meta's health_status.can_send_message: AVAILABLE, LIMITED or BLOCKED */
        metaCanSend: string | null;
        paused: boolean;
        reasons: string[];
        lifecycle: string | null;
        limit: { scope: "portfolio"; tier: string | null; limit: number | null; used24h: number };
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/{id}/request-code": {
    post: {
      params: { id: string };
      query: {};
      body: { method: "SMS" | "VOICE"; language: string };
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/{id}/two-step-pin": {
    post: {
      params: { id: string };
      query: {};
      body: { pin?: string } | null;
      response: { phoneNumberId: string; generated: boolean; setAt: string };
    };
  };
  "/v1/phone-numbers/{id}/verify-code": {
    post: {
      params: { id: string };
      query: {};
      body: { code: string };
      response: {
        id: string;
        kind: "add" | "migration" | "deletion";
        state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
        step: string;
        steps: string[];
        error: {
          code: string;
          /** what went wrong and what to do next */
          message: string;
          metaCode: number | null;
          step: string;
          retryAfterSeconds?: number;
        } | null;
        phoneNumberId: string | null;
        metaPhoneNumberId: string | null;
        countryCode: string | null;
        phoneNumber: string | null;
        displayName: string | null;
        scheduledFor: string | null;
        templates: unknown[] | null;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/phone-numbers/{id}/workflow": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        workflow: {
          id: string;
          kind: "add" | "migration" | "deletion";
          state: "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";
          step: string;
          steps: string[];
          error: {
            code: string;
            /** what went wrong and what to do next */
            message: string;
            metaCode: number | null;
            step: string;
            retryAfterSeconds?: number;
          } | null;
          phoneNumberId: string | null;
          metaPhoneNumberId: string | null;
          countryCode: string | null;
          phoneNumber: string | null;
          displayName: string | null;
          scheduledFor: string | null;
          templates: unknown[] | null;
          createdAt: string;
          updatedAt: string;
        } | null;
      };
    };
  };
  "/v1/segments": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          name: string;
          /** contacts matching every condition given */
          filter: {
            /** name, email or phone contains */
            q?: string;
            /** carries every one of these tags */
            tags?: string[];
            /** carries at least one of these tags */
            anyTags?: string[];
            /** carries none of these tags */
            notTags?: string[];
            /** marketing consent */
            consent?: "opted_in" | "opted_out" | "unknown";
            /** wrote to us at or after this time */
            lastSeenAfter?: string;
            /** last wrote to us before this time */
            lastSeenBefore?: string;
            /** never wrote to us */
            neverSeen?: boolean;
            /** has a phone number (contacts known only by email or external id have none) */
            hasPhone?: boolean;
            /** custom attribute conditions; values are read as the attribute's type */
            attributes?: {
              name: string;
              op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
              value?: string | number | boolean;
            }[];
          };
          /** contacts matching now */
          count: number;
          createdAt: string;
          updatedAt: string;
        }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        name: string;
        /** contacts matching every condition given */
        filter: {
          /** name, email or phone contains */
          q?: string;
          /** carries every one of these tags */
          tags?: string[];
          /** carries at least one of these tags */
          anyTags?: string[];
          /** carries none of these tags */
          notTags?: string[];
          /** marketing consent */
          consent?: "opted_in" | "opted_out" | "unknown";
          /** wrote to us at or after this time */
          lastSeenAfter?: string;
          /** last wrote to us before this time */
          lastSeenBefore?: string;
          /** never wrote to us */
          neverSeen?: boolean;
          /** has a phone number (contacts known only by email or external id have none) */
          hasPhone?: boolean;
          /** custom attribute conditions; values are read as the attribute's type */
          attributes?: {
            name: string;
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: string | number | boolean;
          }[];
        };
      };
      response: {
        id: string;
        name: string;
        /** contacts matching every condition given */
        filter: {
          /** name, email or phone contains */
          q?: string;
          /** carries every one of these tags */
          tags?: string[];
          /** carries at least one of these tags */
          anyTags?: string[];
          /** carries none of these tags */
          notTags?: string[];
          /** marketing consent */
          consent?: "opted_in" | "opted_out" | "unknown";
          /** wrote to us at or after this time */
          lastSeenAfter?: string;
          /** last wrote to us before this time */
          lastSeenBefore?: string;
          /** never wrote to us */
          neverSeen?: boolean;
          /** has a phone number (contacts known only by email or external id have none) */
          hasPhone?: boolean;
          /** custom attribute conditions; values are read as the attribute's type */
          attributes?: {
            name: string;
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: string | number | boolean;
          }[];
        };
        /** contacts matching now */
        count: number;
        createdAt: string;
        updatedAt: string;
      };
    };
  };
  "/v1/segments/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        /** contacts matching every condition given */
        filter: {
          /** name, email or phone contains */
          q?: string;
          /** carries every one of these tags */
          tags?: string[];
          /** carries at least one of these tags */
          anyTags?: string[];
          /** carries none of these tags */
          notTags?: string[];
          /** marketing consent */
          consent?: "opted_in" | "opted_out" | "unknown";
          /** wrote to us at or after this time */
          lastSeenAfter?: string;
          /** last wrote to us before this time */
          lastSeenBefore?: string;
          /** never wrote to us */
          neverSeen?: boolean;
          /** has a phone number (contacts known only by email or external id have none) */
          hasPhone?: boolean;
          /** custom attribute conditions; values are read as the attribute's type */
          attributes?: {
            name: string;
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: string | number | boolean;
          }[];
        };
        /** contacts matching now */
        count: number;
        createdAt: string;
        updatedAt: string;
      };
    };
    patch: {
      params: { id: string };
      query: {};
      body: {
        name?: string;
        /** contacts matching every condition given */
        filter?: {
          /** name, email or phone contains */
          q?: string;
          /** carries every one of these tags */
          tags?: string[];
          /** carries at least one of these tags */
          anyTags?: string[];
          /** carries none of these tags */
          notTags?: string[];
          /** marketing consent */
          consent?: "opted_in" | "opted_out" | "unknown";
          /** wrote to us at or after this time */
          lastSeenAfter?: string;
          /** last wrote to us before this time */
          lastSeenBefore?: string;
          /** never wrote to us */
          neverSeen?: boolean;
          /** has a phone number (contacts known only by email or external id have none) */
          hasPhone?: boolean;
          /** custom attribute conditions; values are read as the attribute's type */
          attributes?: {
            name: string;
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: string | number | boolean;
          }[];
        };
      };
      response: {
        id: string;
        name: string;
        /** contacts matching every condition given */
        filter: {
          /** name, email or phone contains */
          q?: string;
          /** carries every one of these tags */
          tags?: string[];
          /** carries at least one of these tags */
          anyTags?: string[];
          /** carries none of these tags */
          notTags?: string[];
          /** marketing consent */
          consent?: "opted_in" | "opted_out" | "unknown";
          /** wrote to us at or after this time */
          lastSeenAfter?: string;
          /** last wrote to us before this time */
          lastSeenBefore?: string;
          /** never wrote to us */
          neverSeen?: boolean;
          /** has a phone number (contacts known only by email or external id have none) */
          hasPhone?: boolean;
          /** custom attribute conditions; values are read as the attribute's type */
          attributes?: {
            name: string;
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: string | number | boolean;
          }[];
        };
        /** contacts matching now */
        count: number;
        createdAt: string;
        updatedAt: string;
      };
    };
    delete: { params: { id: string }; query: {}; body: never; response: undefined };
  };
  "/v1/templates": {
    get: {
      params: {};
      query: { status?: string; name?: string; language?: string; category?: string; limit?: number; cursor?: string };
      body: never;
      response: {
        data: {
          id: string;
          metaTemplateId: string;
          name: string;
          language: string;
          category: string;
          status: string;
          /** Meta's reason for REJECTED, PAUSED or DISABLED */
          reason: string | null;
          parameterFormat: "POSITIONAL" | "NAMED";
          components: {
            /** HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL */
            type: string;
            /** a header's: TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION */
            format?: string;
            text?: string;
            example?: {
              header_text?: string[];
              header_text_named_params?: { param_name: string; example: string }[];
              header_handle?: string[];
              body_text?: string[][];
              body_text_named_params?: { param_name: string; example: string }[];
              [key: string]: unknown;
            };
            buttons?: {
              /** QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ... */
              type: string;
              text?: string;
              url?: string;
              phone_number?: string;
              example?: string[] | string;
              /** an authentication template's: COPY_CODE | ONE_TAP | ZERO_TAP */
              otp_type?: string;
              autofill_text?: string;
              supported_apps?: { package_name: string; signature_hash: string }[];
              [key: string]: unknown;
            }[];
            limited_time_offer?: { text: string; has_expiration?: boolean; [key: string]: unknown };
            add_security_recommendation?: boolean;
            code_expiration_minutes?: number;
            [key: string]: unknown;
          }[];
          messageSendTtlSeconds: number | null;
          qualityScore: string | null;
          createdAt: string;
          updatedAt: string;
          syncedAt: string | null;
        }[];
        nextCursor: string | null;
        sync: { wabaId: string | null; lastSyncedAt: string | null; lastError: string | null };
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        /** lowercase letters, digits and underscores; unique per language */
        name: string;
        /** Meta's language code, e.g. en_US */
        language: string;
        category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
        parameterFormat?: "POSITIONAL" | "NAMED";
        messageSendTtlSeconds?: number;
        components: { [key: string]: unknown }[];
      };
      response: {
        id: string;
        metaTemplateId: string;
        name: string;
        language: string;
        category: string;
        status: string;
        /** Meta's reason for REJECTED, PAUSED or DISABLED */
        reason: string | null;
        parameterFormat: "POSITIONAL" | "NAMED";
        components: {
          /** HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL */
          type: string;
          /** a header's: TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION */
          format?: string;
          text?: string;
          example?: {
            header_text?: string[];
            header_text_named_params?: { param_name: string; example: string }[];
            header_handle?: string[];
            body_text?: string[][];
            body_text_named_params?: { param_name: string; example: string }[];
            [key: string]: unknown;
          };
          buttons?: {
            /** QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ... */
            type: string;
            text?: string;
            url?: string;
            phone_number?: string;
            example?: string[] | string;
            /** an authentication template's: COPY_CODE | ONE_TAP | ZERO_TAP */
            otp_type?: string;
            autofill_text?: string;
            supported_apps?: { package_name: string; signature_hash: string }[];
            [key: string]: unknown;
          }[];
          limited_time_offer?: { text: string; has_expiration?: boolean; [key: string]: unknown };
          add_security_recommendation?: boolean;
          code_expiration_minutes?: number;
          [key: string]: unknown;
        }[];
        messageSendTtlSeconds: number | null;
        qualityScore: string | null;
        createdAt: string;
        updatedAt: string;
        syncedAt: string | null;
      };
    };
  };
  "/v1/templates/sync": {
    post: {
      params: {};
      query: {};
      body: never;
      response: {
        listed: number;
        added: number;
        changed: number;
        removed: number;
        sync: { wabaId: string | null; lastSyncedAt: string | null; lastError: string | null };
      };
    };
  };
  "/v1/templates/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: {
        id: string;
        metaTemplateId: string;
        name: string;
        language: string;
        category: string;
        status: string;
        /** Meta's reason for REJECTED, PAUSED or DISABLED */
        reason: string | null;
        parameterFormat: "POSITIONAL" | "NAMED";
        components: {
          /** HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL */
          type: string;
          /** a header's: TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION */
          format?: string;
          text?: string;
          example?: {
            header_text?: string[];
            header_text_named_params?: { param_name: string; example: string }[];
            header_handle?: string[];
            body_text?: string[][];
            body_text_named_params?: { param_name: string; example: string }[];
            [key: string]: unknown;
          };
          buttons?: {
            /** QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ... */
            type: string;
            text?: string;
            url?: string;
            phone_number?: string;
            example?: string[] | string;
            /** an authentication template's: COPY_CODE | ONE_TAP | ZERO_TAP */
            otp_type?: string;
            autofill_text?: string;
            supported_apps?: { package_name: string; signature_hash: string }[];
            [key: string]: unknown;
          }[];
          limited_time_offer?: { text: string; has_expiration?: boolean; [key: string]: unknown };
          add_security_recommendation?: boolean;
          code_expiration_minutes?: number;
          [key: string]: unknown;
        }[];
        messageSendTtlSeconds: number | null;
        qualityScore: string | null;
        createdAt: string;
        updatedAt: string;
        syncedAt: string | null;
      };
    };
    patch: {
      params: { id: string };
      query: {};
      body: {
        category?: "MARKETING" | "UTILITY" | "AUTHENTICATION";
        components?: { [key: string]: unknown }[];
        messageSendTtlSeconds?: number;
      };
      response: {
        id: string;
        metaTemplateId: string;
        name: string;
        language: string;
        category: string;
        status: string;
        /** Meta's reason for REJECTED, PAUSED or DISABLED */
        reason: string | null;
        parameterFormat: "POSITIONAL" | "NAMED";
        components: {
          /** HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL */
          type: string;
          /** a header's: TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION */
          format?: string;
          text?: string;
          example?: {
            header_text?: string[];
            header_text_named_params?: { param_name: string; example: string }[];
            header_handle?: string[];
            body_text?: string[][];
            body_text_named_params?: { param_name: string; example: string }[];
            [key: string]: unknown;
          };
          buttons?: {
            /** QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ... */
            type: string;
            text?: string;
            url?: string;
            phone_number?: string;
            example?: string[] | string;
            /** an authentication template's: COPY_CODE | ONE_TAP | ZERO_TAP */
            otp_type?: string;
            autofill_text?: string;
            supported_apps?: { package_name: string; signature_hash: string }[];
            [key: string]: unknown;
          }[];
          limited_time_offer?: { text: string; has_expiration?: boolean; [key: string]: unknown };
          add_security_recommendation?: boolean;
          code_expiration_minutes?: number;
          [key: string]: unknown;
        }[];
        messageSendTtlSeconds: number | null;
        qualityScore: string | null;
        createdAt: string;
        updatedAt: string;
        syncedAt: string | null;
      };
    };
  };
  "/v1/templates/{name}": {
    delete: {
      params: { name: string };
      query: { language?: string };
      body: never;
      response: { deleted: { id: string; name: string; language: string }[] };
    };
  };
  "/v1/users": {
    get: {
      params: {};
      query: {};
      body: never;
      response: { data: { id: string; email: string; name: string; role: "owner" | "admin" | "agent" }[] };
    };
  };
  "/v1/users/{id}": {
    patch: {
      params: { id: string };
      query: {};
      body: { role: "owner" | "admin" | "agent" };
      response: { id: string; email: string; name: string; role: "owner" | "admin" | "agent" };
    };
    delete: { params: { id: string }; query: {}; body: never; response: undefined };
  };
  "/v1/webhook-endpoints": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: { id: string; url: string; events: string[]; description: string | null; createdAt: string }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: {
        url: string;
        events: (
          | "message.received"
          | "order.received"
          | "message.status"
          | "contact.opted_out"
          | "contact.opted_in"
          | "contact.tag_added"
          | "commerce.event"
          | "campaign.status"
          | "template.created"
          | "template.status"
          | "template.deleted"
          | "template.quality"
          | "template.category"
          | "account.capabilities"
          | "phone_number.quality"
          | "phone_number.sending_paused"
          | "phone_number.activated"
          | "phone_number.deactivated"
          | "phone_number.sending"
          | "phone_number.deregistered"
          | "phone_number.workflow"
          | "account.update"
          | "connection.connected"
          | "connection.disconnected"
          | "connection.needs_reconnect"
          | "connection.token_expiring"
          | "connection.catalog_connected"
          | "connection.catalog_needs_reconnect"
          | "automation.webhook"
          | "*"
        )[];
        description?: string;
      };
      response: {
        id: string;
        url: string;
        events: string[];
        description: string | null;
        createdAt: string;
        secret: string;
      };
    };
  };
  "/v1/webhook-endpoints/{id}": {
    get: {
      params: { id: string };
      query: {};
      body: never;
      response: { id: string; url: string; events: string[]; description: string | null; createdAt: string };
    };
    delete: { params: { id: string }; query: {}; body: never; response: undefined };
  };
  "/v1/webhook-endpoints/{id}/deliveries": {
    get: {
      params: { id: string };
      query: { cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          id: string;
          eventId: string;
          eventType: string;
          state: "pending" | "delivered" | "failed" | "cancelled";
          attempts: { at: string; status: number | null; error: string | null; durationMs: number }[];
          nextAttemptAt: string | null;
          createdAt: string;
          deliveredAt: string | null;
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry": {
    post: { params: { id: string; deliveryId: string }; query: {}; body: never; response: { queued: true } };
  };
  "/v1/webhooks/meta/flags": {
    get: {
      params: {};
      query: { cursor?: string; limit?: number };
      body: never;
      response: {
        data: {
          eventId: string;
          /** why the part was not delivered: unknown_number, malformed, meta_error ... */
          kind: string;
          field: string | null;
          wabaId: string | null;
          metaPhoneNumberId: string | null;
          detail: string | null;
          createdAt: string;
        }[];
        nextCursor: string | null;
      };
    };
  };
  "/v1/webhooks/meta/stats": {
    get: {
      params: {};
      query: {};
      body: never;
      response: { events: { [key: string]: number }; unmatchedStatuses: { [key: string]: number } };
    };
  };
  "/v1/workspace": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        id: string;
        name: string;
        timeZone: string;
        defaultLanguage: "en" | "pt-BR" | "es";
        createdAt: string;
      };
    };
    patch: {
      params: {};
      query: {};
      body: { name?: string; timeZone?: string; defaultLanguage?: "en" | "pt-BR" | "es" };
      response: {
        id: string;
        name: string;
        timeZone: string;
        defaultLanguage: "en" | "pt-BR" | "es";
        createdAt: string;
      };
    };
  };
  "/v1/workspaces": {
    get: {
      params: {};
      query: {};
      body: never;
      response: {
        data: {
          id: string;
          name: string;
          timeZone: string;
          defaultLanguage: "en" | "pt-BR" | "es";
          createdAt: string;
        }[];
      };
    };
    post: {
      params: {};
      query: {};
      body: { name: string; timeZone?: string; defaultLanguage?: "en" | "pt-BR" | "es" };
      response: {
        id: string;
        name: string;
        timeZone: string;
        defaultLanguage: "en" | "pt-BR" | "es";
        createdAt: string;
        apiKey: string;
      };
    };
  };
}

export type ApiPath = keyof ApiPaths;
export type ApiMethod<P extends ApiPath> = keyof ApiPaths[P] & string;
type Operation<P extends ApiPath, M extends ApiMethod<P>> = ApiPaths[P][M] & {
  params: unknown;
  query: unknown;
  body: unknown;
  response: unknown;
};
/** What a route answers on success (204 is `undefined`). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["response"];
/** The JSON body a route takes. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["body"];
/** The query a route takes. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["query"];
/** The path parameters of a route. */
export type ApiParams<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["params"];
