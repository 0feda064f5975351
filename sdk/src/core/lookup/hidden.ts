/**
 * The names of secret lookups, kept out of what the provider process prints. A secret lookup's
 * organization and group reach the provider decrypted, and the client's messages and log lines
 * name them (`group "prod" in organization "acme"`, the request URL): before a message or a line
 * leaves the process, each name of a secret lookup read by this process is replaced by
 * {@link HIDDEN}.
 */

/** What stands where the name of a secret lookup was. */
export const HIDDEN = "[secret]";

/** Names of secret lookups; `hide` replaces each where it stands as a whole name. */
export class HiddenNames {
  private readonly names = new Set<string>();
  private pattern: RegExp | undefined;

  /** Remembers the names (organization, group) of a secret lookup. */
  add(...names: readonly (string | null | undefined)[]): void {
    for (const name of names) if (typeof name === "string" && name !== "") this.names.add(name);
    this.pattern = undefined;
  }

  /** `text` with every remembered name replaced by {@link HIDDEN}, when it stands as a whole name. */
  hide(text: string): string {
    if (this.names.size === 0) return text;
    this.pattern ??= new RegExp(
      // Longest first, so that "acme-prod" is hidden whole before "acme"; names are ASCII letters,
      // digits, "-", "_" and "." (validated), so a name ends where another character stands.
      `(?<![A-Za-z0-9._-])(?:${[...this.names]
        .sort((a, b) => b.length - a.length)
        .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("|")})(?![A-Za-z0-9._-])`,
      "g",
    );
    return text.replace(this.pattern, HIDDEN);
  }

  /** An error whose message (and URL) no longer names a secret lookup; the same error object. */
  hideIn<E>(err: E): E {
    if (this.names.size === 0 || !(err instanceof Error)) return err;
    err.message = this.hide(err.message);
    const url = (err as { url?: unknown }).url;
    if (typeof url === "string") Object.defineProperty(err, "url", { value: this.hide(url) });
    return err;
  }
}
