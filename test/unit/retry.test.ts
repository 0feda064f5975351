import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from "../../sdk/src/core/client/retry";

const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };

describe("isRetryableStatus", () => {
  it.each([408, 429, 500, 502, 503, 504, 599])("retries %i", (s) => expect(isRetryableStatus(s)).toBe(true));
  it.each([200, 301, 400, 401, 403, 404, 409, 422])("does not retry %i", (s) =>
    expect(isRetryableStatus(s)).toBe(false),
  );
});

describe("backoffDelay", () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [4, 0.5, 600],
    [10, 1, 1000],
  ])("retry %i with random %f waits %i ms", (retry, r, want) => {
    expect(backoffDelay(retry, policy, () => r)).toBe(want);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it.each([
    ["2", 2000],
    ["0", 0],
    ["1.5", 1500],
    ["Thu, 26 Nov 2026 12:00:03 GMT", 3000],
    ["Thu, 26 Nov 2026 11:59:00 GMT", 0],
  ])("reads %j as %i ms", (value, want) => expect(parseRetryAfter(value, now)).toBe(want));
  it.each([undefined, "", "-1", "soon", "12abc"])("ignores %j", (value) =>
    expect(parseRetryAfter(value, now)).toBeUndefined(),
  );
});

describe("retryDelay", () => {
  it("prefers Retry-After, capped", () => {
    expect(retryDelay(1, 300, policy, () => 0)).toBe(300);
    expect(retryDelay(1, 60_000, policy, () => 0)).toBe(1000);
    expect(retryDelay(2, undefined, policy, () => 1)).toBe(200);
  });
  it("has documented defaults", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ retries: 3, baseDelayMs: 250, maxDelayMs: 10_000 });
  });
});
