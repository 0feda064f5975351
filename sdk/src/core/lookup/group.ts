/**
 * The group lookup, for both fronts: one group of an organization (or of the personal account),
 * read once per group and token; a group that does not exist is an absent result with `ifExists`,
 * else an error that names the group it most likely meant (when the lookup's names may be shown);
 * its placement checked against `expect`.
 */
import type { Group } from "../client/parse";
import type { GroupRef, ScopeRef } from "../client/url";
import { statusSaid, TursoNotFoundError } from "../errors";
import { checkPlacement } from "../placement";
import type { TokenSource } from "../settings";
import type { LookupClients } from "./clients";
import type { GroupQuery } from "./query";
import { closest } from "./suggest";

/** How a group lookup is read. */
export interface GroupReading {
  /**
   * A refresh re-reads what state recorded: no suggestion, and `expect` is left to the program,
   * which states the current one.
   */
  readonly refresh: boolean;
  /**
   * Whether the lookup's names may be shown. A suggestion names another group of the organization,
   * which a lookup whose names are hidden must not.
   */
  readonly namesShown: boolean;
}

/**
 * The group `query` asks for, or undefined when it does not exist and `ifExists` says so. Errors
 * are the client's ({@link TursoNotFoundError} for a missing group or organization).
 */
export async function lookUpGroup(
  api: LookupClients,
  query: GroupQuery,
  reading: GroupReading,
): Promise<Group | undefined> {
  const { ref, tokenFrom, expect, ifExists } = query;
  let group: Group;
  try {
    group = await api.group(ref, tokenFrom);
  } catch (err) {
    if (!(err instanceof TursoNotFoundError) || err.missing !== "group") throw err;
    if (ifExists) return undefined;
    if (reading.refresh || !reading.namesShown) throw err;
    throw await withSuggestion(api, err, ref, tokenFrom);
  }
  if (!reading.refresh) checkPlacement(ref, group, expect);
  return group;
}

/**
 * `err` with "Did you mean …?" after the sentence that quotes the API's answer, when a group of the
 * scope is a letter or two away: from one more GET, of the scope's groups, shared with list
 * lookups. A failure of that GET leaves the error as it was.
 */
async function withSuggestion(
  api: LookupClients,
  err: TursoNotFoundError,
  ref: GroupRef,
  tokenFrom: TokenSource | undefined,
): Promise<TursoNotFoundError> {
  let names: string[];
  try {
    const scope: ScopeRef = { organization: ref.organization, organizationSource: ref.organizationSource };
    names = (await api.list(scope, tokenFrom)).map((g) => g.name);
  } catch {
    return err;
  }
  const meant = closest(ref.group, names);
  if (meant === undefined) return err;
  // After the sentence that quotes the answer, `… (404: group not found). `; else at the end.
  const quoted = `(${statusSaid(err.status ?? 404, err.apiMessage)}). `;
  const at = err.message.indexOf(quoted);
  const cut = at === -1 ? -1 : at + quoted.length;
  const message =
    cut === -1
      ? `${err.message} Did you mean "${meant}"?`
      : `${err.message.slice(0, cut)}Did you mean "${meant}"? ${err.message.slice(cut)}`;
  return new TursoNotFoundError(message, {
    ...(err.method === undefined ? {} : { method: err.method }),
    ...(err.url === undefined ? {} : { url: err.url }),
    ...(err.status === undefined ? {} : { status: err.status }),
    ...(err.apiMessage === undefined ? {} : { apiMessage: err.apiMessage }),
    attempts: err.attempts,
    missing: "group",
  });
}
