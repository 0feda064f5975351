import { TursoClient, type ClientOptions } from "../../sdk/src/core/client/http";
import { resolveRoute } from "../../sdk/src/core/client/proxy";
import { DEFAULT_RETRY_POLICY } from "../../sdk/src/core/client/retry";
import { tokenFix } from "../../sdk/src/core/settings";

/** A client for the emulator, with recorded, instant waits between retries. */
export function testClient(baseUrl: string, token: string, overrides: Partial<ClientOptions> = {}) {
  const waits: number[] = [];
  const client = new TursoClient({
    baseUrl,
    token,
    tokenSource: "environment variable TURSO_API_TOKEN",
    tokenFix: tokenFix(),
    baseUrlSource: "environment variable TURSO_API_BASEURL",
    timeoutMs: 2_000,
    totalTimeoutMs: 30_000,
    retry: DEFAULT_RETRY_POLICY,
    maxConcurrency: 8,
    maxResponseBytes: 1024 * 1024,
    // As resolveSettings decides it: from this process's proxy variables, when the client is made.
    route: resolveRoute(baseUrl, process.env),
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, waits };
}
