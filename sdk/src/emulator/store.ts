/**
 * What changes the emulator's state while it runs: the admin routes (`setGroup`, PUT and DELETE
 * under `/__emulator/`) and the API's create and delete. A group's UUID is its identity: a
 * group-scoped token follows it, a deleted group's UUID is never given again, and a group
 * created anew gets a new one.
 */
import { randomUUID } from "node:crypto";
import { validate } from "./schema";
import { SeedError, type ApiGroup, type SeedGroup } from "./seed";
import { stableUuid, toApiGroup, type State } from "./state";

/** The group of `organization` whose UUID is `uuid`, if it still exists. */
export function groupByUuid(state: State, organization: string, uuid: string): ApiGroup | undefined {
  for (const g of state.organizations.get(organization)?.values() ?? []) if (g.uuid === uuid) return g;
  return undefined;
}

/** The group (of any organization) that has `uuid`, and its organization, if one has. */
function ownerOf(state: State, uuid: string): { slug: string; group: ApiGroup } | undefined {
  for (const [slug, groups] of state.organizations) {
    for (const group of groups.values()) if (group.uuid === uuid) return { slug, group };
  }
  return undefined;
}

/** A UUID no group has or had: `preferred` when it is free, a random one otherwise. */
function freshUuid(state: State, preferred?: string): string {
  const free = (u: string): boolean => !state.retired.has(u) && ownerOf(state, u) === undefined;
  if (preferred !== undefined && free(preferred)) return preferred;
  for (;;) {
    const u = randomUUID();
    if (free(u)) return u;
  }
}

function store(state: State, organization: string, group: ApiGroup, replaced: ApiGroup | undefined): ApiGroup {
  if (replaced !== undefined && replaced.uuid !== group.uuid) state.retired.add(replaced.uuid);
  const groups = state.organizations.get(organization) ?? new Map<string, ApiGroup>();
  groups.set(group.name, group);
  state.organizations.set(organization, groups);
  return group;
}

/**
 * Validates a group given at run time and creates or replaces it (and its organization, when
 * new). Without a `uuid`, a replaced group keeps its own and a new one gets the stable UUID of
 * its name, or a random one when that belonged to a deleted group.
 */
export function putGroup(state: State, organization: string, raw: unknown, where = "group"): ApiGroup {
  validate(raw, where, (m) => new SeedError(m), "group");
  const g = raw as SeedGroup;
  const replaced = state.organizations.get(organization)?.get(g.name);
  const owner = g.uuid === undefined ? undefined : ownerOf(state, g.uuid);
  if (owner !== undefined && owner.group !== replaced) {
    throw new SeedError(
      `${where}.uuid: "${g.uuid}" is already the uuid of group "${owner.group.name}" of "${owner.slug}"`,
    );
  }
  const uuid = replaced?.uuid ?? freshUuid(state, stableUuid(organization, g.name));
  return store(state, organization, toApiGroup(where, g, state.locations, uuid), replaced);
}

/** Creates a group as `POST …/groups` does: one location, a new UUID, every default. */
export function createGroup(state: State, organization: string, name: string, location: string): ApiGroup {
  const group = toApiGroup(
    "body",
    { name, primary: location, locations: [location] },
    state.locations,
    freshUuid(state),
  );
  return store(state, organization, group, undefined);
}

/** Deletes a group, if it exists, and retires its UUID: the tokens pinned to it stop working. */
export function deleteGroup(state: State, organization: string, name: string): ApiGroup | undefined {
  const group = state.organizations.get(organization)?.get(name);
  if (group === undefined) return undefined;
  state.organizations.get(organization)?.delete(name);
  state.retired.add(group.uuid);
  return group;
}
