/**
 * The house's layers, read from the sources' imports (docs/architecture.md): the core imports no
 * front, the fronts import the core and never each other, the emulator stands apart, and inside
 * the dynamic front no import runs up a floor (public functions → program/ → resource.ts →
 * provider/). Also: no import cycle anywhere in sdk/src.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve(__dirname, "../../sdk/src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** The files of sdk/src a file imports (relative imports only; `import type` included). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s+"(\.{1,2}\/[^"]*)";/gm)].map((m) => m[1]!);
  return specs.map((spec) => {
    const target = path.resolve(path.dirname(file), spec);
    for (const candidate of [`${target}.ts`, path.join(target, "index.ts"), target]) {
      try {
        if (statSync(candidate).isFile()) return path.relative(SRC, candidate);
      } catch {
        // not this form
      }
    }
    throw new Error(`${path.relative(SRC, file)} imports ${spec}, which is not a file of sdk/src`);
  });
}

const FILES = sources(SRC).map((f) => path.relative(SRC, f));
const GRAPH = new Map(FILES.map((f) => [f, importsOf(path.join(SRC, f))]));

/** The layer a file is in, and the layers it may import. */
const RULES: readonly { layer: string; test: (f: string) => boolean; mayImport: readonly string[] }[] = [
  { layer: "core/errors", test: (f) => f.startsWith("core/errors/"), mayImport: ["core/errors"] },
  { layer: "core/client", test: (f) => f.startsWith("core/client/"), mayImport: ["core/client", "core/errors"] },
  { layer: "core", test: (f) => f.startsWith("core/"), mayImport: ["core/errors", "core/client", "core"] },
  {
    layer: "dynamic/provider",
    test: (f) => f.startsWith("dynamic/provider/"),
    mayImport: ["core/errors", "core/client", "core", "dynamic/provider"],
  },
  {
    layer: "dynamic/resource",
    test: (f) => f === "dynamic/resource.ts",
    mayImport: ["core/errors", "core/client", "core", "dynamic/provider"],
  },
  {
    layer: "dynamic/program",
    test: (f) => f.startsWith("dynamic/program/"),
    mayImport: ["core/errors", "core/client", "core", "dynamic/provider", "dynamic/resource", "dynamic/program"],
  },
  {
    layer: "dynamic",
    test: (f) => f.startsWith("dynamic/"),
    mayImport: ["core/errors", "core/client", "core", "dynamic/provider", "dynamic/resource", "dynamic/program"],
  },
  {
    layer: "plugin",
    test: (f) => f.startsWith("plugin/"),
    mayImport: ["core/errors", "core/client", "core", "plugin"],
  },
  { layer: "emulator", test: (f) => f.startsWith("emulator/"), mayImport: ["core/client", "emulator"] },
  // Typed invokes of the plugin's functions for TypeScript programs (pulumi-turso-group/plugin): types of the core only.
  { layer: "invoke", test: (f) => f.startsWith("invoke/"), mayImport: ["core"] },
  // The contract's entry point at dist/provider/runtime.js (provider texts in state require it).
  { layer: "contract entry", test: (f) => f === "provider/runtime.ts", mayImport: ["dynamic/provider"] },
  { layer: "package entry", test: (f) => f === "index.ts", mayImport: ["core/errors", "core", "dynamic"] },
];

function layerOf(file: string): string {
  const rule = RULES.find((r) => r.test(file));
  if (!rule) throw new Error(`${file} is in no layer: add it to a folder of docs/architecture.md`);
  return rule.layer;
}

describe("the layers of sdk/src", () => {
  it("puts every file in a layer", () => {
    expect(FILES.length).toBeGreaterThan(50);
    for (const file of FILES) expect(() => layerOf(file)).not.toThrow();
  });

  it("has no import that runs up a floor or across to another front", () => {
    const wrong: string[] = [];
    for (const [file, imports] of GRAPH) {
      const rule = RULES.find((r) => r.test(file))!;
      for (const target of imports) {
        if (!rule.mayImport.includes(layerOf(target))) wrong.push(`${file} (${rule.layer}) → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of GRAPH.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of FILES) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("sees a wrong import (the check itself)", () => {
    // The plugin importing the dynamic front, or the core importing a front, is what the rules refuse.
    const plugin = RULES.find((r) => r.layer === "plugin")!;
    const core = RULES.find((r) => r.layer === "core")!;
    expect(plugin.mayImport).not.toContain(layerOf("dynamic/provider/runtime.ts"));
    expect(core.mayImport).not.toContain(layerOf("dynamic/getGroup.ts"));
    expect(core.mayImport).not.toContain(layerOf("plugin/provider.ts"));
  });
});
