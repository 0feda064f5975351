import * as pulumi from "@pulumi/pulumi";

// The stack that ran getGroup (examples/organization or examples/basic).
const source = new pulumi.StackReference(new pulumi.Config().require("source"));
// getOutput, not requireOutput: requireOutput's error for a missing output reaches the Pulumi
// runtime asynchronously, which takes a minute and gigabytes to report. A missing output becomes
// an empty value here, which AppPlacement's check refuses below, in seconds.
function output<T>(name: string, missing: T): pulumi.Output<T> {
  return source.getOutput(name).apply((value: unknown) => (value ?? missing) as T);
}
const primary = output<string>("primary", "");
const locations = output<string[]>("locations", []);

// Stands in for any resource that must sit next to the database, e.g. an app's region and replicas.
const placementProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: unknown, news: { region?: string }) {
    const failures = news.region
      ? []
      : [
          {
            property: "region",
            reason: 'the source stack has no output "primary": run "pulumi up" of examples/organization first',
          },
        ];
    return { inputs: news, failures };
  },
  async create(inputs: { region: string; replicas: string[] }) {
    return { id: `app-${inputs.region}`, outs: { region: inputs.region, replicas: inputs.replicas } };
  },
  async diff(_id: string, olds: { region: string }, news: { region: string }) {
    return { changes: olds.region !== news.region, replaces: olds.region !== news.region ? ["region"] : [] };
  },
};

class AppPlacement extends pulumi.dynamic.Resource {
  declare readonly region: pulumi.Output<string>;
  declare readonly replicas: pulumi.Output<string[]>;
  constructor(name: string, args: { region: pulumi.Input<string>; replicas: pulumi.Input<string[]> }) {
    super(placementProvider, name, args, {}, "example", "AppPlacement");
  }
}

const app = new AppPlacement("app", {
  region: primary,
  replicas: pulumi.all([primary, locations]).apply(([p, l]) => l.filter((x) => x !== p)),
});

export const appRegion = app.region;
export const appReplicas = app.replicas;
