/** Records for what clients create: messages, templates, media, uploads and catalog items. */
export type StatusName = "sent" | "delivered" | "read" | "failed";

export interface SentMessage {
  wamid: string;
  phoneNumberId: string;
  /** `to` as sent, or the `recipient` BSUID when the send had no `to`. */
  to: string;
  waId: string;
  /** The customer's BSUID (`recipient_user_id` in statuses). */
  userId: string;
  /** The customer's parent BSUID (`recipient_parent_user_id`), when the portfolio has a parent. */
  parentUserId?: string;
  /** Statuses omit `recipient_id` (a BSUID send to a customer whose phone is withheld). */
  phoneWithheld?: boolean;
  type: string;
  /** The request body exactly as accepted, for `GET /_emulator/messages`. */
  body: unknown;
  acceptedAt: number;
  statuses: { status: StatusName; at: number }[];
  /** Computed on the first status that carries it. */
  conversationId?: string;
  /** Set when the emulator decided the message fails after acceptance (e.g. 131026, 131047). */
  failure?: { code: number; title: string; details: string };
}

/** A WhatsApp customer as one business portfolio sees them (2026 BSUIDs; `messages/customers.ts`). */
export interface CustomerRecord {
  bsuid: string;
  /** The phone (digits) the emulator knows them by; withheld from webhooks when `phoneWithheld`. */
  waId: string;
  businessId: string;
  /** `CC.ENT.` + digits, the same in every portfolio linked under one parent; absent without one. */
  parentBsuid?: string;
  username?: string;
  phoneWithheld: boolean;
}

export interface InboundMessage {
  wamid: string;
  phoneNumberId: string;
  from: string;
  receivedAt: number;
  message: Record<string, unknown>;
  readAt?: number;
}

export type TemplateStatus =
  | "APPROVED"
  | "PENDING"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "FLAGGED"
  | "REINSTATED"
  | "PENDING_DELETION"
  | "DELETED"
  | "LIMIT_EXCEEDED"
  | "ARCHIVED"
  | "LOCKED";

export interface TemplateRecord {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: string;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: Record<string, unknown>[];
  status: TemplateStatus;
  rejectedReason: string;
  qualityScore: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  createdAt: number;
  /** Edits of the template while APPROVED, for Meta's 1 per 24 h / 10 per 30 days rule. */
  approvedEdits: number[];
  /** Monotonic insertion order, used for cursor paging. */
  seq: number;
}

export interface MediaRecord {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  bytes: Buffer;
  fileName?: string;
  createdAt: number;
}

export interface UploadSession {
  /** The path part (`upload:...`); Meta's full session id adds `?sig=<signature>`. */
  id: string;
  signature: string;
  appId: string;
  fileName: string;
  fileLength: number;
  fileType: string;
  chunks: Buffer[];
  offset: number;
  handle?: string;
}

export interface ProductRecord {
  id: string;
  catalogId: string;
  retailerId: string;
  data: Record<string, unknown>;
  updatedAt: number;
}

export interface BatchRecord {
  handle: string;
  catalogId: string;
  createdAt: number;
  errors: { id: string; message: string }[];
  warnings: { id: string; message: string }[];
  /** Applied to the catalog when the batch finishes, the way Meta processes batches asynchronously. */
  pending: { method: string; retailerId: string; data: Record<string, unknown> }[];
  finished: boolean;
  /** How many requests the call carried, by method (tests count what a sync sent). */
  requestCount?: number;
  methods?: Record<string, number>;
  /** The retailer id of each request, in order (tests count how often a product was sent). */
  retailerIds?: string[];
  /** When `check_batch_request_status` first answered `finished`: the client knew the outcome from then on. */
  finishedSeenAt?: number;
}
