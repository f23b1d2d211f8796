import type { UserFunctions } from "./user-functions.js";

// Types of the descope-mgmt package. Models mirror the Rust ones in src/models/.

/** Retry policy of a client or a view of it. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  maxAttempts?: number;
  /** The longest wait between attempts, in ms (default 5000); a longer `Retry-After` is cut to this. */
  maxDelayMs?: number;
  /** Retry 429 answers after `Retry-After` (default false: a 429 rejects with `retryAfter`). */
  on429?: boolean;
}

/** Options of `new DescopeManagement(...)`. */
export interface DescopeManagementOptions {
  /** The Descope project ID. */
  projectId: string;
  /**
   * The management key, supplied by the host (a Worker's env, Deno.env, …), or a function
   * returning it (or a promise of it), called at every call and never cached. Leave it out
   * only with a `baseUrl` whose proxy adds the bearer itself.
   */
  managementKey?: string | (() => string | Promise<string>);
  /** Overrides the base URL derived from the project ID's region. */
  baseUrl?: string;
  /** The whole call, retries included, must end within this many ms (default 60000). */
  timeoutMs?: number;
  /** When to retry: by default 503, 520, 521, 522, 524 and 530, 3 attempts. */
  retry?: RetryOptions;
  /** The rate-limit tier to send as `x-descope-license` (otherwise learnt once from GET /v1/mgmt/license). */
  licenseTier?: string;
}

/** Options of `descope.with(...)`. */
export interface CallOptions {
  timeoutMs?: number;
  /** Cancels the calls of the view. */
  signal?: AbortSignal;
  retry?: RetryOptions;
}

/** An object holding the host's environment: a Worker's `env`, `Deno.env.toObject()`, `process.env`. */
export interface DescopeEnv {
  DESCOPE_PROJECT_ID?: string;
  DESCOPE_MANAGEMENT_KEY?: string;
  DESCOPE_BASE_URI?: string;
  [name: string]: unknown;
}

/** A custom attribute value. */
export type AttributeValue = string | number | boolean | string[] | null;

/** A user's status. */
export type UserStatus = "enabled" | "disabled" | "invited" | "expired";

/** A tenant the user belongs to. */
export interface UserTenant {
  tenantId: string;
  tenantName?: string;
  roleNames?: string[];
  permissions?: string[];
}

/** A Descope user, as the management API returns it. */
export interface User {
  userId?: string;
  loginIds?: string[];
  /** Display name. */
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
  verifiedEmail?: boolean;
  verifiedPhone?: boolean;
  roleNames?: string[];
  userTenants?: UserTenant[];
  permissions?: string[];
  status?: UserStatus;
  picture?: string;
  test?: boolean;
  customAttributes?: Record<string, AttributeValue>;
  /** Seconds since the epoch. */
  createdTime?: number;
  modifiedTime?: number;
  TOTP?: boolean;
  SAML?: boolean;
  SCIM?: boolean;
  OIDC?: boolean;
  OAuth?: Record<string, boolean>;
  webauthn?: boolean;
  password?: boolean;
  push?: boolean;
  editable?: boolean;
  externalIds?: string[];
  ssoAppIds?: string[];
  consentExpiration?: number;
}

/**
 * What calls that change something and return nothing resolve to: the answer's body, as
 * node-sdk resolves it (`{}` from Descope).
 */
export type Empty = Record<string, unknown>;

/** `getProviderToken`'s options (sent in the query; `false` when left out). */
export interface ProviderTokenOptions {
  withRefreshToken?: boolean;
  forceRefresh?: boolean;
}

/** A test user's OTP code. */
export interface GeneratedOtp {
  loginId: string;
  code: string;
}

/** A test user's magic link. */
export interface GeneratedLink {
  loginId: string;
  link: string;
}

/** A test user's enchanted link and its pending reference. */
export interface EnchantedLink extends GeneratedLink {
  pendingRef: string;
}

/** An embedded-link token (returned once; keep it secret). */
export interface EmbeddedLink {
  token: string;
}

/** A tenant association in a request. */
export interface AssociatedTenant {
  tenantId: string;
  roleNames?: string[];
}

/**
 * Options of create, createTestUser and update. A key left out is not sent; `null` is sent
 * as `null`, which Descope (and the emulator) treat like a key left out: the field keeps its
 * value. To clear a string field, send `""`.
 */
export interface UserOptions {
  email?: string | null;
  phone?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  roles?: string[] | null;
  userTenants?: AssociatedTenant[] | null;
  customAttributes?: Record<string, AttributeValue> | null;
  picture?: string | null;
  verifiedEmail?: boolean | null;
  verifiedPhone?: boolean | null;
  additionalLoginIds?: string[] | null;
  ssoAppIds?: string[] | null;
  /** create and invite only. */
  templateId?: string | null;
}

/** Options of invite. */
export interface InviteOptions extends UserOptions {
  inviteUrl?: string | null;
  sendMail?: boolean | null;
  sendSMS?: boolean | null;
  templateOptions?: Record<string, string> | null;
  locale?: string | null;
}

/**
 * What patch changes: only the keys given. `null` is sent as `null`, and leaves the field as
 * it was (in Descope and in the emulator); `""` clears a string field.
 */
export interface PatchUserOptions {
  email?: string | null;
  phone?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  roles?: string[] | null;
  userTenants?: AssociatedTenant[] | null;
  customAttributes?: Record<string, AttributeValue> | null;
  picture?: string | null;
  verifiedEmail?: boolean | null;
  verifiedPhone?: boolean | null;
  ssoAppIds?: string[] | null;
  scim?: boolean | null;
  status?: UserStatus | null;
  additionalIdentifiers?: string[] | null;
}

/** A patchBatch entry. */
export type PatchBatchUser = PatchUserOptions &
  ({ loginIdOrUserId: string; loginId?: string } | { loginId: string; loginIdOrUserId?: string });

/** A hashed password to import: exactly one kind. */
export type HashedPassword =
  | { bcrypt: { hash: string } }
  | { pbkdf2: { hash: string; salt: string; iterations: number; type: "sha1" | "sha256" | "sha512" } }
  | {
      firebase: { hash: string; salt: string; saltSeparator: string; signerKey: string; memory: number; rounds: number };
    }
  | { django: { hash: string } }
  | { phpass: { hash: string; salt: string; iterations: number; type: "md5" | "sha512" } }
  | { md5: { hash: string } }
  | { sha: { hash: string; type: "sha1" | "sha256" | "sha512"; salt?: string } }
  | { argon2: { hash: string; salt: string; iterations: number; memory: number; threads: number } }
  | { bach: { hash: string; key: string } }
  | { buddyauth: { hash: string } };

/** A user of createBatch / inviteBatch. */
export interface BatchUser {
  loginIdOrUserId?: string;
  /** Older spelling of loginIdOrUserId. */
  loginId?: string;
  email?: string;
  phone?: string;
  displayName?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  roles?: string[];
  userTenants?: AssociatedTenant[];
  customAttributes?: Record<string, AttributeValue>;
  picture?: string;
  verifiedEmail?: boolean;
  verifiedPhone?: boolean;
  test?: boolean;
  additionalLoginIds?: string[];
  ssoAppIds?: string[];
  password?: string | { cleartext?: string; hashed?: HashedPassword };
  hashedPassword?: HashedPassword;
  /** TOTP seed. */
  seed?: string;
  status?: UserStatus;
  /** Seconds since the epoch. */
  createdTime?: number;
}

/** The answer of createBatch, inviteBatch and patchBatch. */
export interface BatchResponse {
  createdUsers?: User[];
  patchedUsers?: User[];
  failedUsers: { failure: string; user: User }[];
  additionalErrors?: Record<string, string>;
}

/** A role filter of search. */
export interface RoleFilter {
  values: string[];
  and?: boolean;
}

export type FilterValue = string | number | boolean;

/** search / searchTestUsers options. */
export interface SearchRequest {
  page?: number;
  limit?: number;
  offset?: number;
  sort?: { field: string; desc?: boolean }[];
  text?: string;
  emails?: string[];
  phones?: string[];
  statuses?: UserStatus[];
  roles?: string[];
  tenantIds?: string[];
  customAttributes?: Record<string, FilterValue | FilterValue[]>;
  withTestUser?: boolean;
  testUsersOnly?: boolean;
  ssoAppIds?: string[];
  loginIds?: string[];
  userIds?: string[];
  /** Epoch milliseconds. */
  fromCreatedTime?: number;
  toCreatedTime?: number;
  fromModifiedTime?: number;
  toModifiedTime?: number;
  tenantRoleIds?: Record<string, RoleFilter>;
  tenantRoleNames?: Record<string, RoleFilter>;
  verifiedEmail?: boolean;
  verifiedPhone?: boolean;
  includeSubTenants?: boolean;
  loginId?: string;
  ssoOnly?: boolean;
  scimOnly?: boolean;
  password?: boolean;
  totp?: boolean;
  webauthn?: boolean;
  scim?: boolean;
  selectedColumns?: string[];
}

/** `{ users, total }`. */
export interface SearchResponse {
  users: User[];
  total: number;
}

/** A page of searchPages. */
export interface SearchPage extends SearchResponse {
  /** 0-based page index. */
  page: number;
}

/** Login options of the test-user and sign-up link calls. */
export interface LoginOptions {
  stepup?: boolean;
  mfa?: boolean;
  revokeOtherSessions?: boolean;
  revokeOtherSessionsTypes?: string[];
  customClaims?: Record<string, unknown>;
  templateId?: string;
  templateOptions?: Record<string, string>;
  tenantId?: string;
  locale?: string;
  ssoAppId?: string;
  pkceChallenge?: string;
}

export type DeliveryMethod = "email" | "sms" | "voice" | "whatsapp" | "Embedded" | "im";

export interface ProviderToken {
  provider?: string;
  providerUserId?: string;
  accessToken?: string;
  expiration?: number;
  scopes?: string[];
  refreshToken?: string;
}

export interface UserPasskey {
  id?: string;
  rpId?: string;
  kind?: string;
  displayName?: string;
  createdTime?: number;
}

export interface TrustedDevice {
  id?: string;
  name?: string;
  deviceType?: string;
  lastLoginTime?: number | string;
  expirationTime?: number | string;
  lastLocation?: string;
  userId?: string;
  isCurrentDevice?: boolean;
}

export interface UserHistory {
  userId?: string;
  loginTime?: number;
  city?: string;
  country?: string;
  ip?: string;
  selectedTenant?: string;
}

export interface CustomAttribute {
  name: string;
  /** 1 text, 2 numeric, 3 boolean, 4 single select, 5 multi select, 6 date. */
  type: number;
  options?: { value: string; label?: string }[];
  displayName?: string;
  defaultValue?: AttributeValue;
  viewPermissions?: string[];
  editPermissions?: string[];
}

export interface SignUpUser {
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  phone?: string;
  email?: string;
  loginId?: string;
}

export interface ImportResponse {
  users?: User[];
  failures?: { user: string; reason: string }[];
}
export type { UserFunctions };

/**
 * `descope.user`: every function of node-sdk's `management.user` (declared, from the
 * catalogue, in `user-functions.d.ts`), plus `searchPages`.
 */
export interface UserManagement extends UserFunctions {
  /** Every page of POST /v2/mgmt/user/search, `pageSize` (default 100) users at a time. */
  searchPages(request?: SearchRequest, options?: { pageSize?: number }): AsyncGenerator<SearchPage, void, undefined>;
}

/** A client for Descope's Management API. */
export declare class DescopeManagement {
  constructor(options: DescopeManagementOptions);
  /** Reads `DESCOPE_PROJECT_ID`, `DESCOPE_MANAGEMENT_KEY` and `DESCOPE_BASE_URI` from `env`. */
  static fromEnv(env: DescopeEnv, options?: Partial<DescopeManagementOptions>): DescopeManagement;
  /** A view whose calls use other options; it shares the configuration. */
  with(options: CallOptions): DescopeManagement;
  readonly user: UserManagement;
}

/** Bytes of wasm memory the module holds (a diagnostic, for leak checks). */
export declare function wasmMemoryBytes(): number;

/** The error every call rejects with. */
export declare class DescopeError extends Error {
  constructor(
    message: string,
    fields?: Partial<Pick<DescopeError, "status" | "code" | "description" | "retryAfter" | "argument">>,
  );
  readonly name: "DescopeError";
  /** HTTP status, or 0 when no answer came. */
  readonly status: number;
  /** Descope error code (`E112102`) or a client code (`invalid_argument`, `network_error`, …). */
  readonly code: string;
  /** Descope's `errorDescription`, or the client's description. */
  readonly description: string;
  /** Seconds to wait, from `Retry-After` (on 429). */
  readonly retryAfter?: number;
  /** The argument an `invalid_argument` error names. */
  readonly argument?: string;
}
