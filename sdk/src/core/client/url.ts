import { TursoInputError } from "../errors";
import { REDACTED, redact } from "./redact";

/** Where a lookup looks: an organization, or (without one) the personal account. */
export interface ScopeRef {
  readonly organization?: string | undefined;
  /**
   * Where the organization's name came from when it was not an argument, for messages:
   * `stack config "turso:organization"` or `environment variable TURSO_ORGANIZATION`.
   */
  readonly organizationSource?: string | undefined;
}

/** What a lookup asks for: a group, in an organization or (without one) in the personal account. */
export interface GroupRef extends ScopeRef {
  readonly group: string;
}

/**
 * What a request asks for: one group ({@link GroupRef}), every group of a scope (no `group`), or
 * every location the API offers (`locations: true`, no scope).
 */
export type Target = ScopeRef & { readonly group?: string | undefined; readonly locations?: true };

/**
 * Whether a URL's hostname is the machine itself: `localhost`, `[::1]` or 127.x.x.x.
 *
 * @example
 * ```ts
 * isLoopback(new URL("http://[::1]:8080").hostname); // true
 * ```
 */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * A URL as messages show it, whether or not it parses: scheme, host and path, never a query, a
 * fragment or credentials (shown as `[redacted]@`), and through {@link redact}, which also
 * removes `secrets`.
 *
 * @example
 * ```ts
 * showUrl("http://user:secret@bad host:1/x?token=abc"); // "http://[redacted]@bad host:1/x"
 * ```
 */
export function showUrl(raw: string, secrets: readonly string[] = []): string {
  let shown: string;
  try {
    const url = new URL(raw);
    const credentials = url.username !== "" || url.password !== "" ? `${REDACTED}@` : "";
    const path = url.pathname === "/" ? "" : url.pathname;
    shown = url.host === "" ? `${url.protocol}${path}` : `${url.protocol}//${credentials}${url.host}${path}`;
  } catch {
    shown = raw;
  }
  // Everything up to the last "@" may be credentials, wherever a parser would end them.
  shown = shown.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/isu, `$1${REDACTED}@`);
  shown = shown.split(/[?#]/u)[0] ?? "";
  return redact(shown, secrets, 120);
}

/**
 * Parses and checks an API base URL: `https`, or `http` on a loopback host (the emulator); no
 * credentials, query or fragment. Returns it without a trailing slash.
 */
export function checkBaseUrl(raw: string, key: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TursoInputError(
      key,
      "must be a URL",
      `${key} ${JSON.stringify(showUrl(raw))} is not a URL; use e.g. https://api.turso.tech.`,
    );
  }
  const fail = (rule: string): never => {
    throw new TursoInputError(key, rule, `${key} ${JSON.stringify(showUrl(raw))} is invalid: ${rule}.`);
  };
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    fail("it must use https (plain http is allowed only for localhost and 127.0.0.1, where the emulator runs)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail("it must be an https URL");
  if (url.username !== "" || url.password !== "") fail("it must not contain credentials");
  if (url.search !== "" || url.hash !== "") fail("it must not contain a query or fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The retrieve-group URL: `/v1/organizations/{organization}/groups/{group}` when an organization
 * is given, `/v1/groups/{group}` (the token owner's personal account) otherwise. Segments must
 * already be validated; they are URL-encoded all the same.
 */
export function groupUrl(baseUrl: string, ref: GroupRef): string {
  const group = encodeURIComponent(ref.group);
  return ref.organization === undefined
    ? `${baseUrl}/v1/groups/${group}`
    : `${baseUrl}/v1/organizations/${encodeURIComponent(ref.organization)}/groups/${group}`;
}

/**
 * The list-groups URL: `/v1/organizations/{organization}/groups` when an organization is given,
 * `/v1/groups` (the token owner's personal account) otherwise. The organization must already be
 * validated; it is URL-encoded all the same.
 */
export function groupsUrl(baseUrl: string, scope: ScopeRef): string {
  return scope.organization === undefined
    ? `${baseUrl}/v1/groups`
    : `${baseUrl}/v1/organizations/${encodeURIComponent(scope.organization)}/groups`;
}

/** Where a lookup looks, in messages: `organization "y"` or `your personal account`. */
export function describeScope(ref: ScopeRef): string {
  if (ref.organization === undefined) return "your personal account";
  const from = ref.organizationSource === undefined ? "" : ` (from ${ref.organizationSource})`;
  return `organization "${ref.organization}"${from}`;
}

/**
 * How a lookup is named in messages: `group "x" in organization "y"` or `... in your personal
 * account`; for a list (no group), `the groups of organization "y"`.
 */
export function describeRef(ref: Target): string {
  if (ref.locations) return "the locations the Turso API offers";
  return ref.group === undefined
    ? `the groups of ${describeScope(ref)}`
    : `group "${ref.group}" in ${describeScope(ref)}`;
}

/** The list-locations URL: `/v1/locations`, the same for every account. */
export function locationsUrl(baseUrl: string): string {
  return `${baseUrl}/v1/locations`;
}
