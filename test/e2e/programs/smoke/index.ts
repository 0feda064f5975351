import * as pulumi from "@pulumi/pulumi";

// The provider process appends one line per read to SMOKE_MARKER, so a test can see when reads ran.
const provider: pulumi.dynamic.ResourceProvider = {
  async read(id: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("node:fs") as typeof import("node:fs");
    const marker = process.env["SMOKE_MARKER"];
    if (marker) fs.appendFileSync(marker, `read ${id}\n`);
    return { id, props: { greeting: `hello from ${id}` } };
  },
  async create() {
    throw new Error("read-only");
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly greeting: pulumi.Output<string>;
  constructor(name: string) {
    super(provider, name, { greeting: undefined }, { id: name }, "smoke", "Greeting");
  }
}

export const greeting = new Greeting("world").greeting;
