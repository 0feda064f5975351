/**
 * Fenced code blocks of a Markdown file, for the tests that run the READMEs as written.
 *
 * Conventions the READMEs follow:
 * - a `sh`/`bash`/`shell` block is run; one whose first line is
 *   `# not run by the README test: REASON` is not, and the test names it and prints REASON;
 * - a `text` block right after a shell block (nothing but blank lines between) is what that block
 *   prints: every one of its lines must appear in the block's output, in that order.
 */
import { stripVTControlCharacters } from "node:util";

export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

export interface ShellBlock extends CodeBlock {
  /** Why the block is not run, from its marker line; undefined for a block that is run. */
  readonly notRun?: string;
  /** Lines the block must print (from the `text` block after it). */
  readonly prints: readonly string[];
}

const SHELLS = new Set(["sh", "bash", "shell"]);
export const NOT_RUN_MARKER = /^# not run by the README test: (.*)$/;

/** Every fenced block, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (a block inside a list item); the body loses that indentation.
    const open = /^( *)(`{3,})\s*([\w-]*)/.exec(lines[i] ?? "");
    if (!open?.[2]) continue;
    const [, indent = "", fence] = open;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? "").trimStart().startsWith(fence); i++) {
      const l = lines[i] ?? "";
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    blocks.push({ lang: open[3] ?? "", code: body.join("\n"), line: start + 1 });
  }
  return blocks;
}

/** The shell blocks, each with its not-run reason and the lines it must print. */
export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split("\n");
  const blocks = codeBlocks(markdown);
  return blocks.flatMap((block, i) => {
    if (!SHELLS.has(block.lang)) return [];
    const next = blocks[i + 1];
    const end = block.line + block.code.split("\n").length; // the closing fence (0-based index)
    const adjacent = next?.lang === "text" && lines.slice(end + 1, next.line - 1).every((l) => l.trim() === "");
    const prints = adjacent ? next.code.split("\n").filter((l) => l.trim() !== "") : [];
    const marker = NOT_RUN_MARKER.exec(block.code.split("\n")[0] ?? "");
    return [{ ...block, prints, ...(marker ? { notRun: marker[1]?.trim() ?? "" } : {}) }];
  });
}

/** Text with ANSI sequences removed and every run of white space made one space. */
export function normalize(text: string): string {
  return stripVTControlCharacters(text).replace(/\s+/g, " ").trim();
}
