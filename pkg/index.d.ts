import type { SearchRequest, UserFunctions } from "./user-functions.js";
import type { PermissionFunctions } from "./permission-functions.js";
export type { NewPermission, PermissionFunctions, PermissionUpdate } from "./permission-functions.js";
import type { RoleFunctions } from "./role-functions.js";
import type { GroupFunctions } from "./group-functions.js";
export type { GroupFunctions } from "./group-functions.js";
import type { PasswordFunctions } from "./password-functions.js";
export type { PasswordFunctions, PasswordSettings } from "./password-functions.js";
export type { NewRole, RoleFunctions, RoleSearchOptions, RoleUpdate } from "./role-functions.js";
// The request types, generated from the catalogue's schemas.
export type {
  AssociatedTenant,
  BatchUser,
  HashedPassword,
  InviteOptions,
  LoginOptions,
  PatchBatchUser,
  PatchUserOptions,
  ProviderTokenOptions,
  RoleFilter,
  SearchRequest,
  SignUpUser,
  SortItem,
  UpdateUserOptions,
  UserOptions,
} from "./user-functions.js";

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

/** A permission (`permission.loadAll`). */
export interface Permission {
  id?: string;
  name: string;
  description?: string;
  /** One of the system permissions (Impersonate, User Admin, SSO Admin). */
  systemDefault?: boolean;
}

/** A role (`role.loadAll`, `search`, the batches). */
export interface Role {
  id?: string;
  name: string;
  description?: string;
  permissionNames?: string[];
  /** Seconds. */
  createdTime?: number | string;
  /** Empty or absent for a project role. */
  tenantId?: string;
  default?: boolean;
  private?: boolean;
}

/** A password policy as the service answers it (node-sdk passes it through). */
export type PasswordSettingsAnswer = Record<string, boolean | number>;

/** A member of a group. */
export interface GroupMember {
  loginId?: string;
  userId?: string;
  display?: string;
}

/** A tenant's IdP group, from SCIM or JIT provisioning. */
export interface Group {
  id: string;
  display?: string;
  members?: GroupMember[];
  source?: "scim" | "jit" | string;
  ssoId?: string;
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

/** The answer of createBatch, inviteBatch and patchBatch. */
export interface BatchResponse {
  createdUsers?: User[];
  patchedUsers?: User[];
  failedUsers: { failure: string; user: User }[];
  additionalErrors?: Record<string, string>;
}

export type FilterValue = string | number | boolean;

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
  /** `management.permission`: project-wide permissions. */
  readonly permission: PermissionFunctions;
  /** `management.role`: project and tenant roles. */
  readonly role: RoleFunctions;
  /** `management.group`: a tenant's IdP groups (read-only). */
  readonly group: GroupFunctions;
  /** `management.password`: the password policy of the project or a tenant. */
  readonly password: PasswordFunctions;
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
