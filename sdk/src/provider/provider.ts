/* eslint-disable @typescript-eslint/no-require-imports -- the methods load the implementation by package name in the provider process */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { GroupOutputs, GroupProps } from "./runtime";

type Runtime = typeof import("./runtime");

/**
 * The dynamic provider object. Pulumi serializes it into state (`__provider`, once in the inputs
 * and once in the outputs of every lookup) as plain text, so it is kept to two one-line methods
 * without comments: it captures nothing (no token, no settings, no module) and loads the
 * implementation by package name in the provider process, so the text holds no path of the
 * machine that wrote it. There is no `create`: a lookup is always a read (`opts.id`), and the
 * provider host refuses any other operation.
 */
export const groupProvider = {
  configure: (req: dynamic.ConfigureRequest) =>
    (require("pulumi-turso-group/internal/provider") as Runtime).runtime().configure(req),
  read: (id: string, props: GroupProps | undefined) =>
    (require("pulumi-turso-group/internal/provider") as Runtime).runtime().read(id, props),
} as unknown as dynamic.ResourceProvider<GroupProps, GroupOutputs>;
