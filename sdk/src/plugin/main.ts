/**
 * The entry point of the `turso-group` provider plugin, started by the executable
 * `plugin/pulumi-resource-turso-group` with the engine's address as its argument.
 */
import { main } from "@pulumi/pulumi/provider";
import { onConfigure } from "./configure";
import { PluginLookups } from "./lookups";
import { makeProvider } from "./provider";
import { PACKAGE } from "./schema";

const lookups = new PluginLookups();
onConfigure(PACKAGE, (config) => lookups.configure(config));
void main(makeProvider(lookups), process.argv.slice(2));
