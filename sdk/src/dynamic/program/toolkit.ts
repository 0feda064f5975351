/**
 * The program side's shared toolkit: what every lookup call (`group.ts`, `list.ts`,
 * `locations.ts`) does at the call, before its own registration: the call's options checked
 * against {@link OPTION_RULES}, the organization and token source resolved, the run's warnings,
 * Output arguments waited for. Everything here runs synchronously in the program, so a bad
 * argument throws at the call, where a program can catch it and where Pulumi reports it at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { TursoInputError } from "../../core/errors";
import { scopeQuery, usesSecretDefault, type ScopeQuery } from "../../core/lookup/query";
import type { LookupOptions } from "../resource";
import {
  defaultOrganization,
  type ConfigLookup,
  type DefaultOrganization,
  type TokenSource,
} from "../../core/settings";
import { isConfigSecret, warnIfTokenIsPlain } from "./tokenWarning";
import { warnAboutMisspeltVariables } from "./envTypos";
import { checkConfigKeys } from "./configTypos";
import { nextOrdinal } from "./registry";
import { warnIfTransportIsProxied } from "./transportWarning";

/** A call's arguments once known (plain JavaScript may pass anything). */
export interface PlainArgs {
  readonly organization?: unknown;
  readonly group: unknown;
  readonly expect?: unknown;
  readonly ifExists?: unknown;
  readonly tokenFrom?: unknown;
}

const programConfig: ConfigLookup = (key) => {
  const [namespace = "", name = ""] = key.split(":");
  return new pulumi.Config(namespace).get(name);
};

/**
 * The organization used when a call names none, checked now (Pulumi's config is synchronous); a
 * secret `turso:organization` is marked so, and its lookups are secret lookups.
 */
export function fallbackOrganization(): DefaultOrganization | undefined {
  warnOncePerRun();
  return defaultOrganization(programConfig, process.env, isConfigSecret);
}

/**
 * The warnings every call gives, once per run: misspelt `TURSO_*` variables, a proxied transport,
 * settings under the plugin's namespace; and the error of a misspelt `turso:*` key, at every call.
 */
export function warnOncePerRun(): void {
  checkConfigKeys();
  warnAboutMisspeltVariables();
  warnIfTransportIsProxied();
}

/** Whether a call's lookup is secret because it uses a secret `turso:organization` (the core's rule). */
export const usesSecretFallback = usesSecretDefault;

/**
 * The lookup options of a call whose arguments are all known: secret only when it uses a secret
 * `turso:organization`, and then named by the call's ordinal.
 */
export function plainLookupOptions(
  lookupOptions: Pick<LookupOptions, "parent" | "dependsOn">,
  args: Pick<PlainArgs, "organization">,
  fallback: DefaultOrganization | undefined,
): LookupOptions {
  const secret = usesSecretFallback(args, fallback);
  return { ...lookupOptions, secret, ...(secret ? { ordinal: nextOrdinal(lookupOptions.parent) } : {}) };
}

/** Where a call looks and with which token, once checked: the part every lookup's props share. */
export interface Scope {
  readonly organization?: string;
  readonly organizationSource?: string;
  readonly tokenFrom?: TokenSource;
}

/** A scope query's fields as a lookup's props record them (absent ones left out). */
export function scopeProps({ scope, tokenFrom }: ScopeQuery): Scope {
  warnIfTokenIsPlain(tokenFrom === undefined ? undefined : tokenFrom.config);
  return {
    ...(scope.organization === undefined ? {} : { organization: scope.organization }),
    ...(scope.organizationSource === undefined ? {} : { organizationSource: scope.organizationSource }),
    ...(tokenFrom === undefined ? {} : { tokenFrom }),
  };
}

/**
 * Checks a call's organization (else the fallback's, with where it came from) and `tokenFrom` by the
 * core's rules; throws {@link TursoInputError} naming the argument and its source, and never a
 * `secret` value.
 */
export function resolveScope(
  args: Pick<PlainArgs, "organization" | "tokenFrom">,
  fallback: DefaultOrganization | undefined,
  secret = false,
): Scope {
  return scopeProps(scopeQuery(args, fallback, secret));
}

/** Whether a value is known now: neither an Output nor a Promise. */
export const isPlain = (value: unknown): boolean => !pulumi.Output.isInstance(value) && !(value instanceof Promise);

/**
 * A lookup whose arguments include Outputs: made when they are known (secret when any of them is),
 * and refused by its read (see `refused` in group.ts) instead of throwing inside `apply` when they turn
 * out bad. Shared by getGroupOutput and getGroupsOutput.
 */
export function whenKnown<T, R>(
  inputs: pulumi.Output<T>,
  lookup: (known: T, secret: boolean) => pulumi.Output<R>,
  refuse: (err: unknown) => pulumi.Output<R>,
): pulumi.Output<R> {
  return pulumi.all([inputs, pulumi.isSecret(inputs)]).apply(([known, secret]) => {
    try {
      return lookup(known as T, secret);
    } catch (err) {
      return refuse(err);
    }
  });
}

type LookupFunction =
  "getGroup" | "getGroupOutput" | "getGroups" | "getGroupsOutput" | "getLocations" | "getLocationsOutput";

/**
 * The options a lookup call takes, as data: each known option is honoured when `honoured` says so
 * for the call and its value, and otherwise refused with `why`. Options not listed are refused as
 * having no meaning for a lookup.
 */
const OPTION_RULES: Readonly<
  Record<string, { honoured: (fn: LookupFunction, value: unknown) => boolean; why: (fn: LookupFunction) => string }>
> = {
  parent: { honoured: () => true, why: () => "" },
  dependsOn: {
    honoured: (fn) => fn.endsWith("Output"),
    why: (fn) =>
      `${fn} returns a Promise, which in a preview cannot wait for resources that are not created yet; use ${fn}Output with dependsOn`,
  },
  async: { honoured: (_, value) => value !== false, why: () => "a lookup is always asynchronous" },
  provider: {
    honoured: () => false,
    why: () =>
      "a lookup is a read of Pulumi's Node.js dynamic provider and cannot run on another provider; the API and the token come from stack config (turso:apiBaseUrl, turso:apiToken), and another account's token from the lookup's tokenFrom",
  },
  version: { honoured: () => false, why: () => "a lookup runs no plugin whose version could be chosen" },
  pluginDownloadURL: { honoured: () => false, why: () => "a lookup runs no plugin that could be downloaded" },
};

/**
 * Checks a call's options against {@link OPTION_RULES}: what a read can honour (`parent`, and
 * `dependsOn` for the Output forms) is returned; anything else set is refused with the reason.
 */
export function checkOptions(
  fn: LookupFunction,
  opts: object | undefined,
): Pick<LookupOptions, "parent" | "dependsOn"> {
  for (const [key, value] of Object.entries(opts ?? {})) {
    if (value === undefined) continue;
    const rule = Object.hasOwn(OPTION_RULES, key) ? OPTION_RULES[key] : undefined;
    if (rule?.honoured(fn, value)) continue;
    const why = rule?.why(fn) ?? "it has no meaning for a lookup";
    throw new TursoInputError(key, "not supported", `${fn} cannot take the option ${key}: ${why}.`);
  }
  const { parent, dependsOn } = (opts ?? {}) as Pick<LookupOptions, "parent" | "dependsOn">;
  if (parent !== undefined && !pulumi.Resource.isInstance(parent)) {
    throw new TursoInputError("parent", "must be a resource", `${fn}'s parent must be a Pulumi resource.`);
  }
  return { ...(parent ? { parent } : {}), ...(dependsOn ? { dependsOn } : {}) };
}
