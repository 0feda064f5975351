/**
 * Who may do what on the API routes: the bearer token's grant (401 without one), and the refusals
 * (403, 404) of a grant outside its reach.
 */
import type { IncomingMessage } from "node:http";
import { error, type Reply } from "./http";
import type { Grant, State } from "./state";
import { groupByUuid } from "./store";

/** What the request's bearer token may reach, or the 401 to answer. */
export function grantOf(state: State, req: IncomingMessage): Grant | Reply {
  const auth = req.headers.authorization;
  if (auth === undefined) return error(401, "missing Authorization header");
  const match = /^Bearer (.+)$/.exec(auth);
  if (!match) return error(401, "token contains an invalid number of segments");
  const grant = state.tokens.get(match[1] as string);
  if (grant === undefined) return error(401, "invalid token");
  // Turso revokes a group's tokens when the group is deleted; a group created anew under the
  // same name has another UUID, so they stay revoked.
  if (grant.groupUuid !== undefined && groupByUuid(state, grant.organization ?? "", grant.groupUuid) === undefined) {
    return error(401, "token is revoked: the group it was pinned to was deleted");
  }
  return grant;
}

/** Reading, or creating and deleting groups (which a group-scoped token may not). */
export type Access = "read" | "write";

/**
 * The refusal of `grant` on organization `slug` (and group `group`, absent on the list and create
 * routes), or undefined when it may proceed. Outside its scope a scoped token gets the same 403
 * whether the organization or group exists or not, so it learns nothing about what lies outside.
 */
export function refusal(
  state: State,
  grant: Grant,
  slug: string,
  group: string | undefined,
  access: Access,
): Reply | undefined {
  if (grant.organization !== undefined) {
    const pinned =
      grant.groupUuid === undefined ? undefined : groupByUuid(state, grant.organization, grant.groupUuid)?.name;
    const reach =
      pinned === undefined
        ? `organization ${grant.organization}`
        : `group ${pinned} of organization ${grant.organization}`;
    if (slug !== grant.organization || (pinned !== undefined && group !== undefined && group !== pinned)) {
      return error(403, `token is restricted to ${reach}`);
    }
    if (pinned !== undefined && access === "write") {
      return error(403, `a group-scoped token cannot create or delete groups (it is restricted to ${reach})`);
    }
    if (pinned !== undefined && !grant.scopes?.includes("read")) {
      return error(403, `token's scopes (${grant.scopes?.join(", ")}) do not include read`);
    }
  }
  // The deprecated unrestricted token tells an unknown organization (404) from one its user is
  // not a member of (403), as the emulator always has; a scoped token got its 403 above.
  if (!state.organizations.has(slug)) return error(404, "organization not found");
  if (!state.members.get(grant.user)?.has(slug)) return error(403, `user is not a member of organization ${slug}`);
  return undefined;
}
