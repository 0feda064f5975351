/**
 * The entry point of the `turso-group` provider plugin, started by the executable
 * `plugin/pulumi-resource-turso-group` with the engine's address as its argument.
 */
import { engineAddress, engineLogger } from "../core/engineLog";
import { checkConfigKeys, warnOnce } from "./checkConfig";
import { PluginLookups } from "./lookups";
import { makeProvider } from "./provider";
import { PACKAGE } from "./schema";
import { serve } from "./server";

const args = process.argv.slice(2);
// Each request at the engine's debug level (pulumi preview --debug), each retry at info level.
const logger = engineLogger(engineAddress(args));
const lookups = new PluginLookups(process.env, logger);
void serve(makeProvider(lookups), PACKAGE, {
  checkConfig: (names, urn) => checkConfigKeys(names, urn, logger),
  configure: (config) => {
    warnOnce(process.env, logger);
    lookups.configure(config);
  },
});
