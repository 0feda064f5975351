/**
 * The provider's implementation, loaded in the dynamic-provider process by the serialized provider
 * (`require("pulumi-turso-group/internal/provider")`). Internal: not part of the public API.
 *
 * One runtime per provider process, and so per `pulumi preview`, `up` or `refresh`: the settings
 * and the token are read here, at run time, and concurrent reads of one group share one request.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TursoClient, type ClientLogger } from "../client/http";
import type { Group } from "../client/parse";
import type { GroupRef } from "../client/url";
import { engineAddress, engineLogger } from "./engineLog";
import { checkPlacement, type PlacementExpectation } from "../placement";
import { resolveSettings, type ConfigLookup, type Environment } from "../settings";

/** The properties a group lookup records in state (never the token). */
export interface GroupProps {
  readonly organization?: string | null;
  readonly group: string;
  readonly expect?: PlacementExpectation | null;
}

/**
 * What a read returns: the group, in the shape of `GetGroupResult`, plus the props it was read
 * with. Absent optional fields are `null`, not missing: during a preview the SDK treats a missing
 * output as unknown, which would make the whole result unknown.
 */
export interface GroupOutputs {
  readonly group: string;
  readonly organization: string | null;
  readonly name: string;
  readonly locations: string[];
  readonly primary: string;
  readonly uuid: string | null;
  readonly version: string | null;
  readonly deleteProtection: boolean | null;
  readonly archived: boolean | null;
  readonly expect: PlacementExpectation | null;
}

export class ProviderRuntime {
  private config: ConfigLookup = () => undefined;
  private client: TursoClient | undefined;
  private readonly lookups = new Map<string, Promise<Group>>();

  constructor(
    private readonly env: Environment = process.env,
    private readonly logger?: ClientLogger,
  ) {}

  /** Receives the stack configuration (secrets decrypted) from the engine. */
  configure(req: dynamic.ConfigureRequest): Promise<void> {
    this.config = (key) => req.config.get(key);
    this.client = undefined;
    return Promise.resolve();
  }

  /** Retrieves the group named by `props`; concurrent and repeated reads of one group share one GET. */
  async read(id: string, props: GroupProps | undefined): Promise<dynamic.ReadResult<GroupOutputs>> {
    // A read gets the constructor's props; a refresh gets the last outputs, which repeat them.
    if (props === undefined) throw new Error(`Turso group lookup ${id} has no properties to read with.`);
    const ref: GroupRef = { organization: props.organization ?? undefined, group: props.group };
    const client = (this.client ??= new TursoClient({
      ...resolveSettings(this.config, this.env),
      ...(this.logger ? { logger: this.logger } : {}),
    }));
    const key = JSON.stringify([ref.organization ?? null, ref.group]);
    let lookup = this.lookups.get(key);
    if (lookup === undefined) {
      lookup = client.getGroup(ref);
      this.lookups.set(key, lookup);
      // A failed lookup is not cached: a later read (a refresh) asks again.
      lookup.catch(() => this.lookups.delete(key));
    }
    const group = await lookup;
    checkPlacement(ref, group, props.expect ?? undefined);
    const outputs: GroupOutputs = {
      group: props.group,
      organization: props.organization ?? null,
      name: group.name,
      locations: [...group.locations],
      primary: group.primary,
      uuid: group.uuid ?? null,
      version: group.version ?? null,
      deleteProtection: group.deleteProtection ?? null,
      archived: group.archived ?? null,
      // Kept so that a refresh (which reads with the last outputs) checks it again.
      expect: props.expect ?? null,
    };
    return { id, props: outputs };
  }
}

let shared: ProviderRuntime | undefined;

/** The runtime of this provider process. */
export function runtime(): ProviderRuntime {
  return (shared ??= new ProviderRuntime(process.env, processLogger()));
}

/**
 * The provider process's log. Each request (method, token-free URL, status, attempt, duration)
 * goes to the engine at debug level (`pulumi preview --debug`), retries at info level; without an
 * engine connection, to stderr, requests only when `TURSO_LOG=debug`.
 */
function processLogger(): ClientLogger {
  const engine = engineLogger(engineAddress(process.argv.slice(2)));
  const debugToStderr = process.env["TURSO_LOG"] === "debug";
  return {
    debug: (message) => {
      engine?.debug(message);
      if (debugToStderr) process.stderr.write(`[turso] ${message}\n`);
    },
    info: (message) => (engine ? engine.info(message) : process.stderr.write(`[turso] ${message}\n`)),
  };
}
