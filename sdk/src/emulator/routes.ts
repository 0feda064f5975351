/** The group routes of the Turso Platform API, answered from the emulator's state. */
import type { IncomingMessage } from "node:http";
import { error, json, type Reply } from "./http";
import type { State } from "./seed";

/** The user a request's bearer token belongs to, or the 401 to answer. */
function userOf(state: State, req: IncomingMessage): string | Reply {
  const auth = req.headers.authorization;
  if (auth === undefined) return error(401, "missing Authorization header");
  const match = /^Bearer (.+)$/.exec(auth);
  if (!match) return error(401, "token contains an invalid number of segments");
  return state.tokens.get(match[1] as string) ?? error(401, "invalid token");
}

/**
 * Answers an API request (the retrieve and list routes of both scopes) from `state`: the status
 * and body the Turso Platform API would send.
 */
export function api(state: State, method: string, parts: string[], req: IncomingMessage): Reply {
  let organization: string | undefined;
  let rest: string[];
  if (parts[0] === "v1" && parts[1] === "organizations" && parts.length >= 4 && parts[3] === "groups") {
    organization = parts[2];
    rest = parts.slice(4);
  } else if (parts[0] === "v1" && parts[1] === "groups") {
    rest = parts.slice(2);
  } else {
    return error(404, "not found");
  }
  if (rest.length > 1) return error(404, "not found");
  if (method !== "GET") return { ...error(405, "method not allowed"), headers: { Allow: "GET" } };
  const user = userOf(state, req);
  if (typeof user !== "string") return user;
  const slug = organization ?? user;
  const groups = state.organizations.get(slug);
  if (groups === undefined) return error(404, "organization not found");
  if (!state.members.get(user)?.has(slug)) return error(403, `user is not a member of organization ${slug}`);
  if (rest.length === 0) return json(200, { groups: [...groups.values()] });
  const group = groups.get(rest[0] as string);
  return group === undefined ? error(404, "group not found") : json(200, { group });
}
