/**
 * The routes of the Turso Platform API's group and location sections (its OpenAPI spec), as one
 * table: those the emulator serves on its state, and those it answers `501 {"error": "not
 * emulated: …"}`, so that a caller never takes the emulator's silence for the API's answer.
 */
import type { IncomingMessage } from "node:http";
import { grantOf, refusal, type Access } from "./auth";
import { listGroups, postGroup, removeGroup, retrieveGroup } from "./groups";
import { error, json, type Reply } from "./http";
import type { Grant, State } from "./state";

/** What an emulated route is given, its grant and organization already checked. */
interface Call {
  readonly state: State;
  readonly req: IncomingMessage;
  readonly grant: Grant;
  readonly slug: string;
  readonly group: string;
}

/** A documented route; `path` follows `/v1/organizations/{organization}/groups` (or `/v1/groups`). */
interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly path: readonly string[];
  /** What it does, for the 501 of a route the emulator does not serve. */
  readonly what: string;
  readonly serve?: { access: Access; answer: (c: Call) => Reply | Promise<Reply> };
}

/** Every route of the group section; `{…}` segments are parameters. */
export const GROUP_ROUTES: readonly Route[] = [
  {
    method: "GET",
    path: [],
    what: "list groups",
    serve: { access: "read", answer: (c) => listGroups(c.state, c.grant, c.slug) },
  },
  {
    method: "POST",
    path: [],
    what: "create a group",
    serve: { access: "write", answer: (c) => postGroup(c.state, c.slug, c.req) },
  },
  {
    method: "GET",
    path: ["{group}"],
    what: "retrieve a group",
    serve: { access: "read", answer: (c) => retrieveGroup(c.state, c.slug, c.group) },
  },
  {
    method: "DELETE",
    path: ["{group}"],
    what: "delete a group",
    serve: { access: "write", answer: (c) => removeGroup(c.state, c.slug, c.group) },
  },
  { method: "GET", path: ["{group}", "configuration"], what: "retrieve a group's configuration" },
  { method: "PATCH", path: ["{group}", "configuration"], what: "update a group's configuration" },
  { method: "POST", path: ["{group}", "transfer"], what: "transfer a group" },
  { method: "POST", path: ["{group}", "unarchive"], what: "unarchive a group" },
  { method: "POST", path: ["{group}", "locations", "{location}"], what: "add a location to a group" },
  { method: "DELETE", path: ["{group}", "locations", "{location}"], what: "remove a location from a group" },
  { method: "POST", path: ["{group}", "update"], what: "update the databases of a group" },
  { method: "POST", path: ["{group}", "auth", "tokens"], what: "create a group token" },
  { method: "POST", path: ["{group}", "auth", "rotate"], what: "invalidate a group's tokens" },
];

const matches = (pattern: readonly string[], rest: string[]): boolean =>
  pattern.length === rest.length && pattern.every((p, i) => p.startsWith("{") || p === rest[i]);

/** The 405 of a known path asked with another method, listing the documented ones. */
function notAllowed(methods: string[]): Reply {
  const allow = methods.includes("GET") ? ["GET", "HEAD", ...methods.filter((m) => m !== "GET")] : methods;
  return { ...error(405, "method not allowed"), headers: { Allow: allow.join(", ") } };
}

const notEmulated = (method: string, template: string, what: string): Reply =>
  error(501, `not emulated: ${what} (${method} ${template})`);

/** The organization slug (absent on the user-scoped routes) and the rest of a group path, if it is one. */
function groupPath(parts: string[]): { organization: string | undefined; rest: string[] } | undefined {
  if (parts[0] === "v1" && parts[1] === "organizations" && parts.length >= 4 && parts[3] === "groups") {
    return { organization: parts[2], rest: parts.slice(4) };
  }
  if (parts[0] === "v1" && parts[1] === "groups") return { organization: undefined, rest: parts.slice(2) };
  return undefined;
}

/** `GET /v1/locations` from the state's table; `/v1/locations/{location}` (the CLI's) is not emulated. */
function locations(state: State, method: string, rest: string[], req: IncomingMessage): Reply {
  if (rest.length > 1) return error(404, "not found");
  if (method !== "GET" && method !== "HEAD") return notAllowed(["GET"]);
  if (rest.length === 1) {
    return notEmulated(
      "GET",
      "/v1/locations/{location}",
      "a location's details (the Turso CLI's; not in the OpenAPI spec)",
    );
  }
  const grant = grantOf(state, req);
  return "status" in grant ? grant : json(200, { locations: Object.fromEntries(state.locations) });
}

/**
 * Answers an API request from `state`: the status and body the Turso Platform API would send
 * (HEAD as GET without a body), or 501 for a documented route the emulator does not serve.
 * Both scopes are served: `/v1/organizations/{organization}/groups…` and, for the token's
 * personal account, `/v1/groups…` (the Turso CLI's form when no organization is selected).
 */
export async function api(state: State, method: string, parts: string[], req: IncomingMessage): Promise<Reply> {
  // An empty segment (a trailing slash, "//") is no route: every such path gets the same 404.
  if (parts.includes("")) return error(404, "not found");
  if (parts[0] === "v1" && parts[1] === "locations") return locations(state, method, parts.slice(2), req);
  const r = groupPath(parts);
  const known = r === undefined ? [] : GROUP_ROUTES.filter((route) => matches(route.path, r.rest));
  if (r === undefined || known.length === 0) return error(404, "not found");
  const route = known.find((k) => k.method === (method === "HEAD" ? "GET" : method));
  if (route === undefined) return notAllowed(known.map((k) => k.method));
  if (route.serve === undefined) {
    const prefix = r.organization === undefined ? "/v1/groups" : "/v1/organizations/{organization}/groups";
    return notEmulated(route.method, [prefix, ...route.path].join("/"), route.what);
  }
  const grant = grantOf(state, req);
  if ("status" in grant) return grant;
  const slug = r.organization ?? grant.user;
  const group = r.rest[0];
  const refused = refusal(state, grant, slug, group, route.serve.access);
  return refused ?? route.serve.answer({ state, req, grant, slug, group: group ?? "" });
}
