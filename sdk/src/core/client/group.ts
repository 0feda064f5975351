/**
 * A Turso group's fields, described once. The parser (parse.ts), what a lookup stores and reads
 * back (dynamic/provider/), the plugin's schema, the results and the emulator's answers are
 * derived from this table: a new field is one entry here (and its documented line in
 * `GetGroupResult` and in the emulator's `ApiGroup`, which the compiler asks for).
 */

/** How a field's value is typed: a string, a list of strings, or a boolean. */
type Kind = "string" | "strings" | "boolean";

/** One field of a group: its key in the API's JSON, its type, whether every answer has it, and what it means. */
export interface FieldSpec {
  readonly api: string;
  readonly kind: Kind;
  readonly required: boolean;
  readonly description: string;
}

/** Every field of a group, in the order results list them. */
export const GROUP_FIELDS = {
  name: { api: "name", kind: "string", required: true, description: "The group's name." },
  locations: {
    api: "locations",
    kind: "strings",
    required: true,
    description: 'Every location of the group, the primary included (e.g. ["fra", "ams"]).',
  },
  primary: {
    api: "primary",
    kind: "string",
    required: true,
    description: 'The primary location (e.g. "fra" or "aws-eu-west-1").',
  },
  uuid: { api: "uuid", kind: "string", required: false, description: "The group's UUID, when the API returns it." },
  version: {
    api: "version",
    kind: "string",
    required: false,
    description: "The group's libSQL server version (deprecated by Turso), when returned.",
  },
  deleteProtection: {
    api: "delete_protection",
    kind: "boolean",
    required: false,
    description: "Whether the group is protected from deletion, when returned.",
  },
  archived: {
    api: "archived",
    kind: "boolean",
    required: false,
    description: "Whether the group is archived, as the API sends it.",
  },
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof GROUP_FIELDS;
/** The name of a group field, as results and state name it. */
export type GroupField = keyof Fields;
type ValueOf<K extends Kind> = K extends "string" ? string : K extends "boolean" ? boolean : readonly string[];
type RequiredField = { [K in GroupField]: Fields[K]["required"] extends true ? K : never }[GroupField];
type OptionalField = Exclude<GroupField, RequiredField>;

/** A Turso group as the API describes it: the required fields, and the optional ones it sent. */
export type Group = { readonly [K in RequiredField]: ValueOf<Fields[K]["kind"]> } & {
  readonly [K in OptionalField]?: ValueOf<Fields[K]["kind"]>;
};

/** Every field name, in the table's order. */
export const FIELD_NAMES = Object.keys(GROUP_FIELDS) as GroupField[];

/** The fields an answer may leave out. */
export const OPTIONAL_FIELDS = FIELD_NAMES.filter((f) => !GROUP_FIELDS[f].required) as OptionalField[];

/** The fields of `group` that are present (not undefined, not null), in the table's order. */
export function presentFields(group: Readonly<Record<string, unknown>>): Partial<Record<GroupField, unknown>> {
  return Object.fromEntries(
    FIELD_NAMES.flatMap((f) => (group[f] === undefined || group[f] === null ? [] : [[f, group[f]]])),
  );
}

/** Every field of `group`, absent optional ones `null`: how contract 1 recorded a group. */
export function nullFilled(group: Readonly<Record<string, unknown>>): Record<GroupField, unknown> {
  return Object.fromEntries(FIELD_NAMES.map((f) => [f, group[f] ?? null])) as Record<GroupField, unknown>;
}

/** A field's key in the API's JSON (`deleteProtection` is `delete_protection`). */
export type ApiKey = Fields[GroupField]["api"];

/** Every API key of the table, in its order. */
export const API_KEYS = FIELD_NAMES.map((f) => GROUP_FIELDS[f].api) as ApiKey[];
