import type {
  AppRecord,
  AuthorizationCode,
  BusinessRecord,
  CatalogRecord,
  PhoneNumberRecord,
  TokenRecord,
  UserRecord,
  WabaRecord,
} from "./model.js";
import type {
  BatchRecord,
  CustomerRecord,
  InboundMessage,
  MediaRecord,
  ProductRecord,
  SentMessage,
  TemplateRecord,
  UploadSession,
} from "./content-model.js";
import { D360State } from "../d360/d360-state.js";

export type NodeKind =
  | "application"
  | "user"
  | "business"
  | "waba"
  | "phone_number"
  | "catalog"
  | "template"
  | "media"
  | "upload"
  | "product";

/**
 * Everything the emulated Meta knows, in maps keyed by Meta's ids. Rate-limit counters live
 * here too so that `/_emulator/reset` clears them together with the data they count.
 */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly businesses = new Map<string, BusinessRecord>();
  readonly wabas = new Map<string, WabaRecord>();
  readonly phoneNumbers = new Map<string, PhoneNumberRecord>();
  readonly catalogs = new Map<string, CatalogRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly messages = new Map<string, SentMessage>();
  readonly inbound = new Map<string, InboundMessage>();
  /** `${phoneNumberId}:${waId}` → when that customer last wrote (opens the 24-hour window). */
  readonly lastInboundAt = new Map<string, number>();
  /** BSUID → the customer behind it (2026 usernames); customers never seen are derived on demand. */
  readonly customers = new Map<string, CustomerRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly uploads = new Map<string, UploadSession>();
  readonly products = new Map<string, ProductRecord>();
  readonly batches = new Map<string, BatchRecord>();
  /** `${catalogId}\u0000${retailerId}` → product id, kept with `products` by catalog/products.ts. */
  readonly productIndex = new Map<string, string>();
  /** Items Meta will reject in the next batches that carry them (control API), by catalog. */
  readonly catalogRejections = new Map<string, Map<string, string>>();
  /** items_batch calls per catalog in the last hour (the "Catalog Batch" rate limit, 80014). */
  readonly catalogBatchCalls = new Map<string, number[]>();
  /** Catalogs connected to each WABA (`/{waba_id}/product_catalogs`). */
  readonly wabaCatalogs = new Map<string, Set<string>>();
  /** A number's commerce settings (`/{phone_number_id}/whatsapp_commerce_settings`). */
  readonly commerceSettings = new Map<string, { isCartEnabled: boolean; isCatalogVisible: boolean }>();
  /** Per-number sliding windows, per-pair GCRA times and per-portfolio (business id) rolling unique-recipient sets. */
  readonly throughput = new Map<string, { times: number[]; next: number }>();
  readonly pairRate = new Map<string, number>();
  readonly businessInitiated = new Map<string, Map<string, number>>();
  /** The 360dialog stand-in's partner, clients, channels and API keys (over these same numbers). */
  readonly d360 = new D360State();
  templateSeq = 0;
  /**
   * Embedded Signup's popup: whether it posts its `WA_EMBEDDED_SIGNUP` session messages to the
   * opener (Meta does only for a page on the app's allowed domains, with session info asked for).
   */
  embeddedSignup = { sessionEvents: true };

  constructor(readonly app: AppRecord) {}

  kindOf(id: string): NodeKind | undefined {
    if (id === this.app.id) return "application";
    if (this.phoneNumbers.has(id)) return "phone_number";
    if (this.wabas.has(id)) return "waba";
    if (this.templates.has(id)) return "template";
    if (this.media.has(id)) return "media";
    if (this.uploads.has(id)) return "upload";
    if (this.catalogs.has(id)) return "catalog";
    if (this.products.has(id)) return "product";
    if (this.businesses.has(id)) return "business";
    if (this.users.has(id)) return "user";
    return undefined;
  }

  windowKey(phoneNumberId: string, waId: string): string {
    return `${phoneNumberId}:${waId}`;
  }

  /** Keeps memory bounded under benchmarks: the oldest accepted messages are forgotten first. */
  rememberMessage(message: SentMessage, max: number): void {
    this.messages.set(message.wamid, message);
    if (this.messages.size > max) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
  }

  phoneNumbersOf(wabaId: string): PhoneNumberRecord[] {
    return [...this.phoneNumbers.values()].filter((p) => p.wabaId === wabaId);
  }
}
