import type { ChannelCapability } from "./capabilities.js";
import type { ChannelId } from "./channel-id.js";
import type {
  AddPhoneNumberRequest,
  BatchStatusResponse,
  CatalogProductList,
  CommerceSettingsResponse,
  CommerceSettingsUpdate,
  CreateTemplateRequest,
  CreateTemplateResponse,
  DeleteTemplateQuery,
  EditTemplateRequest,
  GraphList,
  GraphListQuery,
  ItemsBatchRequest,
  ItemsBatchResponse,
  MediaInfo,
  MessageTemplate,
  MessageTemplateList,
  PhoneNumber,
  RegisterPhoneNumberRequest,
  RequestVerificationCodeRequest,
  SendMessageRequest,
  SendMessageResponse,
  UploadSessionQuery,
  VerifyCodeRequest,
  WabaCatalogList,
  WhatsAppBusinessAccount,
} from "./wire.js";

/**
 * The channel port: every verb Wharf's modules need from a WhatsApp provider, bound to one
 * workspace's connection (its credentials and its business account). Bodies and answers are the
 * Cloud API wire format (`wire.ts`); failures are `ChannelError`s (`errors.ts`), never a provider's
 * own error classes. An adapter is one folder under `src/channels/` plus its line in
 * `registry.ts` (docs/channels.md, "Adding a provider").
 *
 * Verbs behind a capability throw `ChannelError` of kind `unsupported` on an adapter that does not
 * declare it; modules check `adapter.capabilities` first where they offer a choice.
 */

/** A file to upload as message media. */
export interface ChannelMediaUpload {
  data: Uint8Array | Blob;
  mimeType: string;
  filename: string;
}

/** Downloaded media bytes. */
export interface ChannelBinary {
  body: Uint8Array;
  contentType: string | undefined;
  httpStatus: number;
}

export interface TemplateListQuery extends GraphListQuery {
  name?: string;
  status?: string;
  category?: string;
  language?: string;
}

export interface ChannelMessages {
  send(phoneNumberId: string, message: SendMessageRequest): Promise<SendMessageResponse>;
  /** Read receipt for an inbound message; `typing` also shows the typing indicator (capability `typing_indicator`). */
  markRead(phoneNumberId: string, messageId: string, opts?: { typing?: boolean }): Promise<void>;
}

export interface ChannelMedia {
  upload(phoneNumberId: string, file: ChannelMediaUpload): Promise<{ id: string }>;
  get(mediaId: string, opts?: { phoneNumberId?: string }): Promise<MediaInfo>;
  /** The bytes behind `MediaInfo.url`; the adapter adds its credentials and checks the host. */
  download(url: string): Promise<ChannelBinary>;
  delete(mediaId: string, opts?: { phoneNumberId?: string }): Promise<void>;
}

/** Capability `resumable_upload`: a file handle for template header samples. */
export interface ChannelUploads {
  start(file: UploadSessionQuery): Promise<{ id: string }>;
  /** Sends the bytes from `offset` on; the answer's `h` is the file handle once all bytes are in. */
  sendFrom(sessionId: string, bytes: Uint8Array, offset: number): Promise<{ h: string }>;
  offset(sessionId: string): Promise<{ fileOffset: number }>;
}

export interface ChannelTemplates {
  list(q?: TemplateListQuery): Promise<MessageTemplateList>;
  get(templateId: string, fields?: readonly string[]): Promise<MessageTemplate>;
  create(body: CreateTemplateRequest): Promise<CreateTemplateResponse>;
  edit(templateId: string, body: EditTemplateRequest): Promise<void>;
  delete(q: DeleteTemplateQuery): Promise<void>;
}

export interface ChannelNumbers {
  list(q?: GraphListQuery): Promise<GraphList<PhoneNumber>>;
  get(phoneNumberId: string, fields?: readonly string[]): Promise<PhoneNumber>;
  /** Capability `number_onboarding`. */
  add(body: AddPhoneNumberRequest): Promise<{ id: string }>;
  /** Capability `number_onboarding`. */
  requestCode(phoneNumberId: string, body: RequestVerificationCodeRequest): Promise<void>;
  /** Capability `number_onboarding`. */
  verifyCode(phoneNumberId: string, body: VerifyCodeRequest): Promise<void>;
  /** Capability `pin_registration`. */
  register(phoneNumberId: string, body: Omit<RegisterPhoneNumberRequest, "messaging_product">): Promise<void>;
  /** Capability `pin_registration`. */
  deregister(phoneNumberId: string): Promise<void>;
  /** Capability `two_step_pin`. */
  setTwoStepPin(phoneNumberId: string, pin: string): Promise<void>;
  /** Capability `commerce_settings`. */
  getCommerceSettings(phoneNumberId: string): Promise<CommerceSettingsResponse>;
  /** Capability `commerce_settings`. */
  setCommerceSettings(phoneNumberId: string, update: CommerceSettingsUpdate): Promise<void>;
}

/** The business account the connection acts for: its health and the catalogs linked to it. */
export interface ChannelAccount {
  /** Account health and ownership (Meta: the WABA node). */
  get(fields?: readonly string[]): Promise<WhatsAppBusinessAccount>;
  /** Points the account's webhooks at Wharf (Meta: subscribes the app to the WABA). */
  subscribeWebhooks(): Promise<void>;
  /** Capability `catalog`. */
  listCatalogs(): Promise<WabaCatalogList>;
  /** Capability `catalog`. */
  connectCatalog(catalogId: string): Promise<void>;
  /** Capability `catalog`. */
  disconnectCatalog(catalogId: string): Promise<void>;
}

/** Capability `catalog`: a product catalog reached with its own credentials. */
export interface ChannelCatalog {
  readonly catalogId: string;
  listProducts(q?: GraphListQuery): Promise<CatalogProductList>;
  itemsBatch(body: ItemsBatchRequest): Promise<ItemsBatchResponse>;
  batchStatus(handle: string, opts?: { loadIdsOfInvalidRequests?: boolean }): Promise<BatchStatusResponse>;
}

/** One workspace's connection, bound: what modules hold instead of a client and a token. */
export interface ChannelSession {
  readonly channel: ChannelId;
  /** The business account id (Meta's WABA id). */
  readonly accountId: string;
  readonly capabilities: ReadonlySet<ChannelCapability>;
  readonly messages: ChannelMessages;
  readonly media: ChannelMedia;
  readonly uploads: ChannelUploads;
  readonly templates: ChannelTemplates;
  readonly numbers: ChannelNumbers;
  readonly account: ChannelAccount;
}

/** What a session tells its owner; the connection module pauses the workspace on `authLapsed`. */
export interface ChannelSessionHooks {
  onAuthLapsed(err: Error): Promise<void>;
}

/** The credentials a connection holds for its channel (decrypted from the vault just for the call). */
export interface ChannelCredentials {
  /** Meta: the system-user or business token. 360dialog: the D360-API-KEY. */
  secret: string;
  accountId: string;
}

/** An adapter: one provider, registered once in `registry.ts`. */
export interface ChannelAdapter {
  readonly id: ChannelId;
  readonly capabilities: ReadonlySet<ChannelCapability>;
  session(credentials: ChannelCredentials, hooks: ChannelSessionHooks): ChannelSession;
  /** Capability `catalog`; undefined on an adapter without it. */
  catalog?(credentials: { secret: string; catalogId: string }, hooks: ChannelSessionHooks): ChannelCatalog;
}
