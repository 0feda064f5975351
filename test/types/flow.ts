/**
 * Type-level tests, compiled by `npm test` (tsc, strict, exactOptionalPropertyTypes) and never
 * run: the results of getGroup/getGroupOutput flow into other resources' inputs and into typed
 * variables without casts, and the `@ts-expect-error` lines are mistakes that must not compile
 * (tsc fails if one of them does).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  getGroup,
  getGroupOutput,
  getGroups,
  getGroupsOutput,
  type GetGroupResult,
  type GetGroupsResult,
  type LocationRegion,
  type PlacementExpectation,
  type TokenSource,
} from "pulumi-turso-group";

/** A resource as a provider SDK would declare one: plain Pulumi inputs. */
interface ReplicaArgs {
  readonly region: pulumi.Input<string>;
  readonly replicas: pulumi.Input<string[]>;
  readonly replicaInputs: pulumi.Input<pulumi.Input<string>[]>;
  readonly uuid?: pulumi.Input<string>;
  readonly protectedFromDeletion?: pulumi.Input<boolean>;
}
declare class Replica extends pulumi.CustomResource {
  constructor(name: string, args: ReplicaArgs, opts?: pulumi.CustomResourceOptions);
}

export function outputsFlow(parent: pulumi.ComponentResource, db: pulumi.CustomResource): void {
  const group = getGroupOutput({ organization: "acme", group: "prod" });
  new Replica("near-prod", {
    region: group.primary,
    replicas: group.locations,
    replicaInputs: group.locations,
    uuid: group.apply((g) => g.uuid ?? "none"),
  });

  // Every argument of getGroupOutput is an Input (ifExists and tokenFrom stay plain), and the
  // options are Pulumi's InvokeOutputOptions.
  const expectation: pulumi.Output<PlacementExpectation> = pulumi.output({ primaryIn: ["aws-eu-west-1"] });
  const tokenFrom: TokenSource = { config: "turso:acmeToken" };
  const checked = getGroupOutput(
    { organization: pulumi.output("acme"), group: pulumi.secret("prod"), expect: expectation, tokenFrom },
    { parent, dependsOn: [db] },
  );
  const one: pulumi.Output<GetGroupResult> = checked;
  void one;

  // A list's organization (an Output that may be undefined: the personal account) goes back in
  // as an organization, where undefined means the fallback, as a plain omitted one does.
  const listed = getGroupsOutput({ organization: "acme" });
  const again = getGroupsOutput({ organization: listed.organization });
  const sameOrg = getGroupOutput({ organization: listed.organization, group: "prod" });
  void [again, sameOrg];

  // ifExists: the result may be absent, and the type says so.
  const maybe = getGroupOutput({ group: "staging", ifExists: true });
  const region: pulumi.Output<string> = maybe.apply((g) => g?.primary ?? "none");
  void region;
  // @ts-expect-error an ifExists result may be undefined: it is not an Output<GetGroupResult>
  const notMaybe: pulumi.Output<GetGroupResult> = maybe;
  void notMaybe;
}

export async function promisesFlow(parent: pulumi.ComponentResource, db: pulumi.CustomResource): Promise<void> {
  const group = await getGroup({ organization: "acme", group: "prod" }, { parent });
  const locations: string[] = group.locations;
  const primary: string = group.primary;
  const uuid: string | undefined = group.uuid;
  const version: string | undefined = group.version;
  const deleteProtection: boolean | undefined = group.deleteProtection;
  const archived: boolean | undefined = group.archived;
  const organization: string | undefined = group.organization;
  new Replica("from-promise", {
    region: primary,
    replicas: locations,
    replicaInputs: locations,
    ...(uuid === undefined ? {} : { uuid }),
    ...(deleteProtection === undefined ? {} : { protectedFromDeletion: deleteProtection }),
  });
  void [version, archived, organization];

  const staging = await getGroup({ organization: "acme", group: "staging", ifExists: true });
  const stagingPrimary: string = staging?.primary ?? "none";
  void stagingPrimary;
  // @ts-expect-error an ifExists result may be undefined
  const unchecked: string = staging.primary;
  void unchecked;

  // @ts-expect-error getGroup returns a Promise, which cannot wait for dependsOn in a preview: use getGroupOutput
  await getGroup({ group: "default" }, { dependsOn: [db] });
  // @ts-expect-error getGroup takes plain values; Outputs go to getGroupOutput
  await getGroup({ group: pulumi.output("default") });
  // @ts-expect-error results are read-only
  group.primary = "fra";
}

export async function regionsFlow(): Promise<void> {
  // The regions of a result: a LocationRegion union that narrows on cloud.
  const group = await getGroup({ organization: "acme", group: "prod" });
  const placed: LocationRegion = group.primaryRegion;
  const awsRegion: string | undefined = placed.cloud === "aws" ? placed.region : undefined;
  const everywhere: LocationRegion[] = group.locationRegions;
  void [awsRegion, everywhere];
  // @ts-expect-error an unknown location has no region, only its code: narrow on cloud first
  const unchecked: string = placed.region;
  void unchecked;

  const fromOutput: pulumi.Output<LocationRegion> = getGroupOutput({ group: "default" }).primaryRegion;
  void fromOutput;
}

export async function listFlow(parent: pulumi.ComponentResource, db: pulumi.CustomResource): Promise<void> {
  // getGroups: every group of an organization, each a GetGroupResult.
  const all: GetGroupsResult = await getGroups({ organization: "acme" }, { parent });
  const first: GetGroupResult | undefined = all.groups[0];
  const organization: string | undefined = all.organization;
  void [first, organization];
  const personal = await getGroups();
  void personal;

  const listed = getGroupsOutput(
    { organization: pulumi.output("acme"), tokenFrom: { env: "TURSO_ACME_TOKEN" } },
    { parent, dependsOn: [db] },
  );
  new Replica("every-primary", {
    region: listed.groups.apply((gs) => gs[0]?.primary ?? "none"),
    replicas: listed.groups.apply((gs) => gs.map((g) => g.primary)),
    replicaInputs: listed.groups.apply((gs) => gs.map((g) => g.primary)),
  });

  // @ts-expect-error getGroups returns a Promise, which cannot wait for dependsOn in a preview: use getGroupsOutput
  await getGroups({ organization: "acme" }, { dependsOn: [db] });
  // @ts-expect-error getGroups takes plain values; Outputs go to getGroupsOutput
  await getGroups({ organization: pulumi.output("acme") });
  // @ts-expect-error getGroups takes no group: it reads every one
  await getGroups({ group: "prod" });
}
