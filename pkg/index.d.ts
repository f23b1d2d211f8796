/** Options of `new DescopeManagement(...)`. */
export interface DescopeManagementOptions {
  /** The Descope project ID. */
  projectId: string;
  /** The management key, supplied by the host (a Worker's env, Deno.env, …). */
  managementKey?: string;
  /** Overrides the base URL derived from the project ID's region. */
  baseUrl?: string;
}

/** A custom attribute value. */
export type AttributeValue = string | number | boolean | string[] | null;

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
  status?: "enabled" | "disabled" | "invited" | "expired" | string;
  picture?: string;
  test?: boolean;
  customAttributes?: Record<string, AttributeValue>;
  createdTime?: number;
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
  [unknownField: string]: unknown;
}

/** A tenant association in a create/update request. */
export interface AssociatedTenant {
  tenantId: string;
  roleNames?: string[];
}

/** Options of create, createTestUser, invite and update. */
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
  templateId?: string | null;
}

/** Extra options of invite. */
export interface InviteOptions extends UserOptions {
  inviteUrl?: string | null;
  sendMail?: boolean | null;
  sendSMS?: boolean | null;
  templateOptions?: Record<string, string> | null;
  locale?: string | null;
}

/** `descope.user`: node-sdk's `management.user`, resolving to its `data`. */
export interface UserManagement {
  /** POST /v1/mgmt/user/create */
  create(loginId: string, options?: UserOptions): Promise<User>;
  /** POST /v1/mgmt/user/create/test */
  createTestUser(loginId: string, options?: UserOptions): Promise<User>;
  /** POST /v1/mgmt/user/create (with `invite: true`) */
  invite(loginIdOrUserId: string, options?: InviteOptions): Promise<User>;
  /** GET /v1/mgmt/user?loginId= */
  load(loginIdOrUserId: string): Promise<User>;
  /** GET /v1/mgmt/user?userId= */
  loadByUserId(userId: string): Promise<User>;
  /** POST /v1/mgmt/user/update/picture */
  updatePicture(loginIdOrUserId: string, picture: string): Promise<User>;
  /** POST /v1/mgmt/user/update/name */
  updateDisplayName(
    loginIdOrUserId: string,
    displayName: string,
    givenName?: string,
    middleName?: string,
    familyName?: string,
  ): Promise<User>;
  /** POST /v1/mgmt/user/update/name (name parts only) */
  updateUserNames(
    loginIdOrUserId: string,
    givenName?: string,
    middleName?: string,
    familyName?: string,
  ): Promise<User>;
  /** POST /v1/mgmt/user/update/customAttribute */
  updateCustomAttribute(
    loginIdOrUserId: string,
    attributeKey: string,
    attributeValue: AttributeValue,
  ): Promise<User>;
}

/** A client for Descope's Management API. */
export declare class DescopeManagement {
  constructor(options: DescopeManagementOptions);
  readonly user: UserManagement;
}

/** The error every call rejects with. */
export declare class DescopeError extends Error {
  constructor(message: string, fields?: Partial<Pick<DescopeError, "status" | "code" | "description" | "retryAfter" | "argument">>);
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
