/**
 * Every relative link of the READMEs points at a file or folder a fresh clone has: a tracked
 * path, not one that a command makes (docs/api/ is written by `npm run docs` and ignored by git).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" }).split("\0").filter(Boolean);
const folders = new Set(
  tracked.flatMap((f) =>
    f
      .split("/")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
  ),
);

const readmes = [
  "README.md",
  ...readdirSync(path.join(REPO, "examples"))
    .map((d) => `examples/${d}/README.md`)
    .filter((f) => tracked.includes(f)),
];

/** The relative targets of a Markdown file's links: `[text](target)`, anchors and URLs left out. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => (m[1] ?? "").split("#")[0] ?? "")
    .filter((target) => target !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

it("finds the links it checks", () => {
  expect(relativeLinks("[a](docs/x.md#y) [b](https://x) [c](#z) [d](../e)")).toEqual(["docs/x.md", "../e"]);
  expect(relativeLinks(readFileSync(path.join(REPO, "README.md"), "utf8"))).toContain("docs/reliability.md");
});

it.each(readmes)("%s links only to paths a fresh clone has", (readme) => {
  const targets = relativeLinks(readFileSync(path.join(REPO, readme), "utf8")).map((t) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(readme), t)).replace(/\/$/, ""),
  );
  expect(targets.filter((t) => !tracked.includes(t) && !folders.has(t))).toEqual([]);
});
