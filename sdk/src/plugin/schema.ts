/**
 * The plugin's Pulumi package schema: one table of functions, types and config, from which
 * `getSchema` answers, the arguments are checked (`args.ts`) and SDKs are generated
 * (`pulumi package gen-sdk`). The config keys are the core's `SETTINGS`, in this package's namespace.
 */
import { FIELD_NAMES, GROUP_FIELDS } from "../core/client/group";
import { schemaDescription, SETTINGS, type SettingSpec } from "../core/settingsTable";
import { goModulePath, type Home } from "./home";

/** The package's name: the plugin is `pulumi-resource-turso-group`, its config `turso-group:*`. */
export const PACKAGE = "turso-group";

/** A property of the schema (the subset this package uses). */
export interface SchemaProperty {
  readonly type?: "string" | "boolean" | "integer" | "array" | "object";
  readonly items?: SchemaProperty;
  readonly $ref?: string;
  readonly description: string;
  readonly secret?: boolean;
  readonly default?: string | number;
}

/** An object type of the schema: its properties and which are always present. */
export interface ObjectType {
  readonly description: string;
  readonly properties: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
}

const ref = (name: string): string => `#/types/${PACKAGE}:index:${name}`;
const strings = (description: string): SchemaProperty => ({
  type: "array",
  items: { type: "string", description },
  description,
});

/** A group's fields (core/client/group.ts), as schema properties. */
const GROUP_PROPERTIES: Record<string, SchemaProperty> = Object.fromEntries(
  FIELD_NAMES.map((f) => {
    const { kind, description } = GROUP_FIELDS[f];
    return [f, kind === "strings" ? strings(description) : { type: kind, description }];
  }),
);

const TYPES = {
  PlacementExpectation: {
    description: "Where a group is expected to be; a group placed otherwise fails the invoke.",
    properties: {
      primaryIn: strings("The primary location must be one of these."),
      locationsInclude: strings("Each of these locations must be among the group's locations."),
    },
  },
  TokenSource: {
    description:
      "Where a lookup's token is, for a second Turso account: a config key of this provider (`turso-group:acmeToken`) and/or an environment variable of the plugin's process, looked up in that order.",
    properties: {
      config: {
        type: "string",
        description: 'A namespaced config key, e.g. "turso-group:acmeToken"; set it with `pulumi config set --secret`.',
      },
      env: { type: "string", description: 'An environment variable, e.g. "TURSO_ACME_TOKEN".' },
    },
  },
  LocationRegion: {
    description:
      'Where a Turso location runs, in its cloud\'s words: `{ cloud: "aws", region: "eu-west-1" }`, `{ cloud: "fly", region: "fra" }`, or `{ cloud: "unknown", location }` for a form the package does not know.',
    properties: {
      cloud: { type: "string", description: '"aws", "fly" or "unknown".' },
      region: {
        type: "string",
        description: 'The cloud\'s region code (e.g. "eu-west-1" or "fra"); absent for "unknown".',
      },
      location: { type: "string", description: 'The location code, unchanged, when cloud is "unknown".' },
    },
    required: ["cloud"],
  },
  Location: {
    description: "A location the Turso API offers, as getLocations lists it.",
    properties: {
      code: { type: "string", description: 'The location code, as groups name it (e.g. "aws-us-east-1", "fra").' },
      description: { type: "string", description: 'The API\'s description of it (e.g. "Frankfurt, Germany").' },
      region: { $ref: ref("LocationRegion"), description: "Where it runs: regionOf(code)." },
    },
    required: ["code", "description", "region"],
  },
  Group: {
    description: "A Turso group, as getGroups lists it.",
    properties: {
      ...GROUP_PROPERTIES,
      organization: {
        type: "string",
        description: "The organization it was looked up in; absent for a personal-account lookup.",
      },
      primaryRegion: {
        $ref: ref("LocationRegion"),
        description: "Where the primary location runs, in its cloud's words.",
      },
      locationRegions: {
        type: "array",
        items: { $ref: ref("LocationRegion"), description: "Where one location runs." },
        description: "Where each of `locations` runs, in the same order.",
      },
    },
    required: [...FIELD_NAMES.filter((f) => GROUP_FIELDS[f].required), "primaryRegion", "locationRegions"],
  },
} as const satisfies Record<string, ObjectType>;

const organization: SchemaProperty = {
  type: "string",
  description:
    "The organization's slug. When omitted: config `turso-group:organization`, else the `TURSO_ORGANIZATION` variable; when none is set, your personal account.",
};
const tokenFrom: SchemaProperty = {
  $ref: ref("TokenSource"),
  description:
    'Where this lookup\'s token is, when not in `turso-group:apiToken` / `TURSO_API_TOKEN`. Default: { config: "turso-group:apiToken", env: "TURSO_API_TOKEN" }.',
};

/** The arguments that name one group: getGroup's, and findGroup's. */
const groupInputs = {
  organization,
  group: { type: "string", description: 'The group\'s name, as "turso group list" shows it.' },
  expect: {
    $ref: ref("PlacementExpectation"),
    description: "Where the group must be; a group placed otherwise fails the invoke.",
  },
  tokenFrom,
} as const satisfies Record<string, SchemaProperty>;

/** The functions, by token: their inputs and outputs. */
export const FUNCTIONS = {
  [`${PACKAGE}:index:getGroup`]: {
    description:
      "Looks up a Turso group (GET /v1/organizations/{organization}/groups/{group}, or /v1/groups/{group}) with the token from `turso-group:apiToken` or `TURSO_API_TOKEN`. A missing group, a rejected token or an outage fail the invoke; for a group that may not exist, use findGroup.",
    inputs: { description: "Arguments of getGroup.", properties: groupInputs, required: ["group"] },
    outputs: { ...TYPES.Group, description: "A Turso group." },
  },
  [`${PACKAGE}:index:findGroup`]: {
    description:
      "Looks up a Turso group that may not exist, as getGroup does (the same request and checks): a missing group gives `found: false` and no `group` instead of failing. An unknown organization, a rejected token or an outage still fail the invoke.",
    inputs: { description: "Arguments of findGroup.", properties: groupInputs, required: ["group"] },
    outputs: {
      description: "Whether the group exists, and the group when it does.",
      properties: {
        found: { type: "boolean", description: "Whether the group exists." },
        group: { $ref: ref("Group"), description: "The group, as getGroup gives it; absent when `found` is false." },
      },
      required: ["found"],
    },
  },
  [`${PACKAGE}:index:getGroups`]: {
    description:
      "Lists every group of an organization, or of your personal account (GET /v1/organizations/{organization}/groups, or /v1/groups): one request per organization per operation.",
    inputs: {
      description: "Arguments of getGroups.",
      properties: { organization, tokenFrom },
    },
    outputs: {
      description: "Every group of an organization (or of the personal account).",
      properties: {
        organization: {
          type: "string",
          description: "The organization they were looked up in; absent for the personal account.",
        },
        groups: {
          type: "array",
          items: { $ref: ref("Group"), description: "A group." },
          description: "The groups, sorted by name, each with its regions.",
        },
      },
      required: ["groups"],
    },
  },
  [`${PACKAGE}:index:getLocations`]: {
    description: "Lists every location the Turso API offers (GET /v1/locations): one request per operation.",
    inputs: { description: "Arguments of getLocations.", properties: { tokenFrom } },
    outputs: {
      description: "Every location the Turso API offers.",
      properties: {
        locations: {
          type: "array",
          items: { $ref: ref("Location"), description: "A location." },
          description: "The locations, sorted by code, each with its region.",
        },
      },
      required: ["locations"],
    },
  },
} as const satisfies Record<string, { description: string; inputs: ObjectType; outputs: ObjectType }>;

/** A function token this plugin serves. */
export type FunctionToken = keyof typeof FUNCTIONS;

/** The provider's config, from the core's settings table: meanings, ranges, variables and defaults. */
function configVariables(): Record<string, SchemaProperty> {
  return Object.fromEntries(
    Object.entries(SETTINGS).map(([name, spec]: [string, SettingSpec]) => {
      const property: SchemaProperty = {
        type: typeof spec.default === "number" || spec.min !== undefined ? "integer" : "string",
        description: schemaDescription(spec, PACKAGE),
        ...(spec.secret ? { secret: true } : {}),
        ...(spec.default === undefined ? {} : { default: spec.default }),
      };
      return [name, property];
    }),
  );
}

/** Settings of the plugin alone (the data source knows which names are secrets, and needs none). */
export const PLUGIN_SETTINGS = {
  showNames: {
    type: "boolean",
    description:
      "Show the organization and group names given as invoke arguments in messages and debug lines, and suggest the group meant when one is not found. Off by default: Pulumi's SDKs do not tell a provider which arguments are secrets. Set it to true only when no lookup of the program has a secret organization or group. Key: turso-group:showNames.",
  },
} as const satisfies Record<string, SchemaProperty>;

/**
 * The package schema, as `getSchema` answers it: `version` is the package's, `home` where the
 * project lives (the packages' homepage and repository, the Go module path, where Pulumi downloads
 * the plugin). The `language` section sets what Pulumi's generators read (scripts/gen-sdk): each
 * SDK states the schema's version (`respectSchemaVersion`, else Go asks the engine for the plugin
 * at v0.0.0 and Python's metadata says 0.0.0), Python gets a PEP 621 pyproject.toml, and Java no
 * Gradle files: gen-sdk writes a Maven pom.xml beside the sources instead.
 */
export function packageSchema(version: string, home: Home): object {
  const variables = { ...configVariables(), ...PLUGIN_SETTINGS };
  return {
    name: PACKAGE,
    displayName: "Turso group",
    version,
    description: "Read-only lookups of Turso groups (primary, locations, regions), as functions of a provider plugin.",
    keywords: ["pulumi", "turso", "libsql", "category/database"],
    license: "Apache-2.0",
    homepage: home.url,
    repository: home.url,
    publisher: home.owner,
    pluginDownloadURL: home.pluginDownloadURL,
    config: { variables },
    provider: {
      description: "The provider of Turso group lookups; its inputs are the turso-group:* config keys.",
      inputProperties: variables,
    },
    types: Object.fromEntries(
      Object.entries(TYPES).map(([name, type]) => [`${PACKAGE}:index:${name}`, { type: "object", ...type }]),
    ),
    functions: FUNCTIONS,
    language: {
      go: { importBasePath: `${goModulePath(home, version)}/tursogroup`, respectSchemaVersion: true },
      python: { packageName: "pulumi_turso_group", respectSchemaVersion: true, pyproject: { enabled: true } },
      csharp: { respectSchemaVersion: true },
      java: { buildFiles: "none" },
    },
  };
}
