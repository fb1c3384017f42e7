/** Records for what clients create: messages, templates, media, uploads and catalog items. */
export type StatusName = "sent" | "delivered" | "read" | "failed";

export interface SentMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  waId: string;
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
  id: string;
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
}
