import {
  ATTEMPT_FAILURES,
  isRetryable,
  STATUS_FAILURES,
  statusFailure,
  statusRow,
  type StatusFacts,
} from "../../sdk/src/core/client/failures";
import { isRetryableStatus } from "../../sdk/src/core/client/retry";
import { TursoApiError, TursoAuthError, TursoForbiddenError, TursoNotFoundError } from "../../sdk/src/core/errors";

const facts = (status: number, more: Partial<StatusFacts> = {}): StatusFacts => ({
  ref: { organization: "acme", group: "prod" },
  url: "https://api.example/v1/organizations/acme/groups/prod",
  what: 'group "prod" in organization "acme"',
  where: 'organization "acme"',
  tried: "1 attempt over 0.1 s",
  tokenSource: "environment variable TURSO_API_TOKEN",
  tokenFix: "Mint one",
  baseUrlSource: "the default base URL",
  timeoutMs: 100,
  maxResponseBytes: 10,
  key: (name) => `turso:${name}`,
  status,
  apiMessage: undefined,
  said: String(status),
  location: "(no Location)",
  ...more,
});

describe("STATUS_FAILURES: what each status means", () => {
  it("says a status is retryable exactly when RETRY_STATUSES holds it", () => {
    for (let status = 100; status <= 599; status++) {
      for (const ref of [{ organization: "acme", group: "prod" }, { locations: true as const }, {}]) {
        expect([status, statusRow(facts(status, { ref })).retryable]).toEqual([status, isRetryableStatus(status)]);
      }
    }
  });

  it.each([
    [401, {}, TursoAuthError, undefined],
    [403, {}, TursoForbiddenError, undefined],
    [403, { apiMessage: "token restricted to org x" }, TursoForbiddenError, undefined],
    [404, {}, TursoNotFoundError, "group"],
    [404, { apiMessage: "organization not found" }, TursoNotFoundError, "organization"],
    [404, { ref: { organization: "acme" } }, TursoNotFoundError, "organization"],
    [404, { ref: { locations: true as const } }, TursoApiError, undefined],
    [302, {}, TursoApiError, undefined],
    [503, {}, TursoApiError, undefined],
    [400, {}, TursoApiError, undefined],
  ])("%i %j is a %p (missing: %p)", (status, more, cls, missing) => {
    const err = statusFailure(facts(status, more), 2);
    expect(err.constructor).toBe(cls);
    expect((err as TursoNotFoundError).missing).toBe(missing);
    expect(err).toMatchObject({ status, method: "GET", attempts: 2 });
  });

  it("ends with a row that takes every status, so that every status has a meaning", () => {
    const last = STATUS_FAILURES[STATUS_FAILURES.length - 1];
    expect(last?.when).toBeUndefined();
    expect(last?.statuses).toEqual([[0, 999]]);
  });
});

describe("ATTEMPT_FAILURES: attempts without an answer", () => {
  it("retries timeouts and network errors, except a proxy's final refusal", () => {
    expect(isRetryable({ kind: "timeout" })).toBe(true);
    expect(isRetryable({ kind: "network", code: "ECONNRESET" })).toBe(true);
    expect(isRetryable({ kind: "cancelled" })).toBe(false);
    expect(isRetryable({ kind: "too-large" })).toBe(false);
    expect(Object.keys(ATTEMPT_FAILURES).sort()).toEqual(["cancelled", "network", "timeout", "too-large"]);
  });
});
