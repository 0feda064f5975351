import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { GroupOutputs, GroupProps } from "./runtime";

/**
 * The dynamic provider object. Pulumi serializes it into state (`__provider`) as plain text, so it
 * captures nothing: no token, no settings, no module. Each method loads the implementation by
 * package name in the provider process, so the text holds no path of the machine that wrote it.
 */
export const groupProvider: dynamic.ResourceProvider<GroupProps, GroupOutputs> = {
  async configure(req) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const impl = require("pulumi-turso-group/internal/provider") as typeof import("./runtime");
    return impl.runtime().configure(req);
  },
  async read(id, props) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const impl = require("pulumi-turso-group/internal/provider") as typeof import("./runtime");
    return impl.runtime().read(id, props);
  },
  async create() {
    throw new Error("A Turso group lookup is read-only: create it with getGroup(), which reads an existing group.");
  },
};
