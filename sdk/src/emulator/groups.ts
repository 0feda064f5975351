/** The group routes the emulator serves on its state: list, retrieve, create and delete. */
import type { IncomingMessage } from "node:http";
import { body, error, json, type Reply } from "./http";
import { validate } from "./schema";
import type { Grant, State } from "./state";
import { createGroup, deleteGroup, groupByUuid } from "./store";

/** `GET …/groups`: every group, or only its own for a group-scoped token. */
export function listGroups(state: State, grant: Grant, slug: string): Reply {
  const all = [...(state.organizations.get(slug)?.values() ?? [])];
  const pinned = grant.groupUuid === undefined ? undefined : groupByUuid(state, slug, grant.groupUuid);
  return json(200, { groups: grant.groupUuid === undefined ? all : all.filter((g) => g === pinned) });
}

/** `GET …/groups/{group}`. */
export function retrieveGroup(state: State, slug: string, name: string): Reply {
  const group = state.organizations.get(slug)?.get(name);
  return group === undefined ? error(404, "group not found") : json(200, { group });
}

const SHAPE = 'the body must be a JSON object {"name": "<group>", "location": "<location code>"}';

/**
 * The name and location of a create request. Keys are matched case-insensitively, so the Turso
 * CLI's body (`{"Name", "Location", "Version"}`) is read as well as the official client's.
 */
async function createArgs(req: IncomingMessage): Promise<{ name: string; location: string } | Reply> {
  let raw: unknown;
  try {
    raw = await body(req);
  } catch (err) {
    return error(400, `${SHAPE}: ${(err as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return error(400, SHAPE);
  const field = (k: string): unknown => Object.entries(raw).find(([key]) => key.toLowerCase() === k)?.[1];
  const name = field("name");
  const location = field("location");
  try {
    validate(name, "name", (m) => new Error(m), "name");
  } catch (err) {
    return error(400, (err as Error).message);
  }
  if (typeof location !== "string") return error(400, "location must be a location code (GET /v1/locations)");
  return { name: name as string, location };
}

/** `POST …/groups`: 200 with the new group, 409 when it exists, 400 for an unknown location. */
export async function postGroup(state: State, slug: string, req: IncomingMessage): Promise<Reply> {
  const args = await createArgs(req);
  if ("status" in args) return args;
  if (state.organizations.get(slug)?.has(args.name)) return error(409, "group already exists");
  if (!state.locations.has(args.location)) {
    return error(400, `invalid location: ${args.location} (not one of those GET /v1/locations lists)`);
  }
  return json(200, { group: createGroup(state, slug, args.name, args.location) });
}

/** `DELETE …/groups/{group}`: 200 with the deleted group, 404 when there is none. */
export function removeGroup(state: State, slug: string, name: string): Reply {
  const group = state.organizations.get(slug)?.get(name);
  if (group === undefined) return error(404, "group not found");
  if (group.delete_protection) {
    return error(
      501,
      "not emulated: deleting a group with delete_protection (Turso refuses it, with an answer it does not document); " +
        `set "delete_protection": false with PUT /__emulator/organizations/${slug}/groups/${name} first`,
    );
  }
  return json(200, { group: deleteGroup(state, slug, name) });
}
