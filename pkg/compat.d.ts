// Types of `descope-mgmt/compat`: node-sdk's `DescopeClient(...)` and `SdkResponse`, on top of
// the package's own types (every group and function of `DescopeManagement` appears here).
import type {
  AssociatedTenant,
  AttributeValue,
  DescopeManagementOptions,
  ManagementGroups,
  User,
  UserFunctions,
} from "./index.js";

export type * from "./index.js";

/** node-sdk's `SdkResponse.error`: Descope's error body. */
export interface SdkError {
  /** Descope's code (`E112102`), or `invalid_argument` for a call refused before sending. */
  errorCode: string;
  errorDescription: string;
  errorMessage?: string;
  /** Seconds to wait, on a 429 only (0 when the answer had no `Retry-After`). node-sdk types it as a string; it is a number. */
  retryAfter?: number;
  /** The argument an `invalid_argument` error names. */
  argument?: string;
}

/** node-sdk's `SdkResponse`: `{ ok: true, data }` or `{ ok: false, error }`. */
export type SdkResponse<T> =
  | {
      ok: true;
      /** The HTTP status (200). */
      code: number;
      data: T;
      error?: undefined;
      /** node-sdk's fetch `Response`: compat has none. */
      response?: undefined;
    }
  | {
      ok: false;
      /** The HTTP status, or 0 for a call refused before sending (`invalid_argument`). */
      code: number;
      data?: undefined;
      error: SdkError;
      /** node-sdk's fetch `Response`: compat has none. */
      response?: undefined;
    };

/** A package function as node-sdk's: the same arguments, resolving to an `SdkResponse`. */
export type SdkFunction<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<SdkResponse<R>> : never;

/** A package group as node-sdk's. */
export type SdkGroup<G> = { [K in keyof G]: SdkFunction<G[K]> };

type UserSdkFunctions = SdkGroup<Omit<UserFunctions, "create" | "createTestUser" | "invite" | "update">>;

/** `management.user`: the options forms, and node-sdk's positional forms of the four functions that have one. */
export interface CompatUserFunctions extends UserSdkFunctions {
  /** Creates a user. `POST /v1/mgmt/user/create` */
  create: SdkFunction<UserFunctions["create"]> & PositionalUser;
  /** Creates a test user. `POST /v1/mgmt/user/create/test` */
  createTestUser: SdkFunction<UserFunctions["createTestUser"]> & PositionalUser;
  /** Replaces a user's fields (a full overwrite). `POST /v1/mgmt/user/update` */
  update: SdkFunction<UserFunctions["update"]> & PositionalUser;
  /** Creates a user and invites them. `POST /v1/mgmt/user/create` */
  invite: SdkFunction<UserFunctions["invite"]> & PositionalInvite;
}

/** node-sdk's positional form of `create`, `createTestUser` and `update` (taken when `email` is a string). */
export type PositionalUser = (
  loginId: string,
  email: string,
  phone?: string | null,
  displayName?: string | null,
  roles?: string[] | null,
  userTenants?: AssociatedTenant[] | null,
  customAttributes?: Record<string, AttributeValue> | null,
  picture?: string | null,
  verifiedEmail?: boolean | null,
  verifiedPhone?: boolean | null,
  givenName?: string | null,
  middleName?: string | null,
  familyName?: string | null,
  additionalLoginIds?: string[] | null,
) => Promise<SdkResponse<User>>;

/** node-sdk's positional form of `invite` (taken when `email` is a string). */
export type PositionalInvite = (
  loginIdOrUserId: string,
  email: string,
  phone?: string | null,
  displayName?: string | null,
  roles?: string[] | null,
  userTenants?: AssociatedTenant[] | null,
  customAttributes?: Record<string, AttributeValue> | null,
  picture?: string | null,
  verifiedEmail?: boolean | null,
  verifiedPhone?: boolean | null,
  inviteUrl?: string | null,
  sendMail?: boolean | null,
  sendSMS?: boolean | null,
  givenName?: string | null,
  middleName?: string | null,
  familyName?: string | null,
  additionalLoginIds?: string[] | null,
  templateId?: string | null,
  locale?: string | null,
) => Promise<SdkResponse<User>>;

/** node-sdk's `management`: one member per group of the package. */
export type CompatManagement = { [K in keyof ManagementGroups]: SdkGroup<ManagementGroups[K]> } & {
  user: CompatUserFunctions;
};

/** What `DescopeClient(...)` returns: node-sdk's client, management only. */
export interface CompatClient {
  management: CompatManagement;
}

/** node-sdk's options that compat takes are the package's: `projectId`, `managementKey`, `baseUrl`, … */
export type DescopeClientOptions = DescopeManagementOptions;

/** node-sdk's default export: `DescopeClient({ projectId, managementKey, baseUrl })`. */
export declare const DescopeClient: {
  (options: DescopeClientOptions): CompatClient;
  /** node-sdk's `DescopeClient.DescopeErrors`. */
  readonly DescopeErrors: {
    readonly badRequest: "E011001";
    readonly missingArguments: "E011002";
    readonly invalidRequest: "E011003";
    readonly invalidArguments: "E011004";
    readonly wrongOTPCode: "E061102";
    readonly tooManyOTPAttempts: "E061103";
    readonly enchantedLinkPending: "E062503";
    readonly userNotFound: "E062108";
  };
};
export default DescopeClient;
