/** The group routes of the Turso Platform API, answered from the emulator's state. */
import type { IncomingMessage } from "node:http";
import { error, json, type Reply } from "./http";
import type { Grant, State } from "./state";

/** What the request's bearer token may reach, or the 401 to answer. */
function grantOf(state: State, req: IncomingMessage): Grant | Reply {
  const auth = req.headers.authorization;
  if (auth === undefined) return error(401, "missing Authorization header");
  const match = /^Bearer (.+)$/.exec(auth);
  if (!match) return error(401, "token contains an invalid number of segments");
  return state.tokens.get(match[1] as string) ?? error(401, "invalid token");
}

/**
 * The 403 a scoped token gets outside its scope. It is the same whether the organization or
 * group exists or not, so a scoped token learns nothing about what lies outside its scope.
 */
function outOfScope(grant: Grant, organization: string, group: string | undefined): Reply | undefined {
  if (grant.organization === undefined) return undefined;
  const reach =
    grant.group === undefined
      ? `organization ${grant.organization}`
      : `group ${grant.group} of organization ${grant.organization}`;
  if (
    organization !== grant.organization ||
    (grant.group !== undefined && group !== grant.group && group !== undefined)
  ) {
    return error(403, `token is restricted to ${reach}`);
  }
  if (grant.group !== undefined && !grant.scopes?.includes("read")) {
    return error(403, `token's scopes (${grant.scopes?.join(", ")}) do not include read`);
  }
  return undefined;
}

/** The organization slug (absent on the user-scoped routes) and the rest of a group path, if it is one. */
function route(parts: string[]): { organization: string | undefined; rest: string[] } | undefined {
  // An empty segment (a trailing slash, "//") is no route: every such path gets the same 404.
  if (parts.includes("")) return undefined;
  if (parts[0] === "v1" && parts[1] === "organizations" && parts.length >= 4 && parts[3] === "groups") {
    return { organization: parts[2], rest: parts.slice(4) };
  }
  if (parts[0] === "v1" && parts[1] === "groups") return { organization: undefined, rest: parts.slice(2) };
  return undefined;
}

/**
 * Answers an API request (the retrieve and list routes of both scopes; HEAD as GET without a
 * body) from `state`: the status and body the Turso Platform API would send.
 */
export function api(state: State, method: string, parts: string[], req: IncomingMessage): Reply {
  const r = route(parts);
  if (r === undefined || r.rest.length > 1) return error(404, "not found");
  if (method !== "GET" && method !== "HEAD")
    return { ...error(405, "method not allowed"), headers: { Allow: "GET, HEAD" } };
  const grant = grantOf(state, req);
  if (!("user" in grant)) return grant;
  const slug = r.organization ?? grant.user;
  const name = r.rest[0];
  const refused = outOfScope(grant, slug, name);
  if (refused !== undefined) return refused;
  const groups = state.organizations.get(slug);
  // The deprecated unrestricted token tells an unknown organization (404) from one its user is
  // not a member of (403), as the emulator always has; a scoped token got its 403 above.
  if (groups === undefined) return error(404, "organization not found");
  if (!state.members.get(grant.user)?.has(slug)) return error(403, `user is not a member of organization ${slug}`);
  if (name === undefined) {
    const all = [...groups.values()];
    return json(200, { groups: grant.group === undefined ? all : all.filter((g) => g.name === grant.group) });
  }
  const group = groups.get(name);
  return group === undefined ? error(404, "group not found") : json(200, { group });
}
