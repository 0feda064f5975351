/**
 * "Did you mean": the name a misspelt one most likely meant, among those that exist. Used for a
 * group that was not found (the scope's groups) and for a `TURSO_*` variable that this package
 * does not read (the ones it does).
 */

/** Levenshtein distance, stopping early past `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * The candidate closest to `name` within `max` edits (case ignored), or undefined when none is, or
 * when two are equally close (a guess between them would mislead). Never `name` itself.
 */
export function closest(name: string, candidates: Iterable<string>, max = 2): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = max + 1;
  let tied = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    const d = distance(wanted, candidate.toLowerCase(), Math.min(max, bestDistance));
    if (d < bestDistance) [best, bestDistance, tied] = [candidate, d, false];
    else if (d === bestDistance && d <= max) tied = true;
  }
  return tied ? undefined : best;
}
