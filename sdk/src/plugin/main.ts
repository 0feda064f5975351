/**
 * The entry point of the `turso-group` provider plugin, started by the executable
 * `plugin/pulumi-resource-turso-group` with the engine's address as its argument.
 */
import { main } from "@pulumi/pulumi/provider";
import { engineAddress, engineLogger } from "../core/engineLog";
import { onConfigure } from "./configure";
import { PluginLookups } from "./lookups";
import { makeProvider } from "./provider";
import { PACKAGE } from "./schema";

const args = process.argv.slice(2);
// Each request at the engine's debug level (pulumi preview --debug), each retry at info level.
const lookups = new PluginLookups(process.env, engineLogger(engineAddress(args)));
onConfigure(PACKAGE, (config) => lookups.configure(config));
void main(makeProvider(lookups), args);
