/**
 * The part of @pulumi/aws that the README's placement sample uses, with the signatures of
 * @pulumi/aws 6.x (`aws.Region`, `new aws.Provider(name, { region })`), so the sample is
 * type-checked without installing the AWS provider SDK.
 */
declare module "@pulumi/aws" {
  import * as pulumi from "@pulumi/pulumi";
  export type Region = string;
  export interface ProviderArgs {
    readonly region?: pulumi.Input<Region>;
  }
  export class Provider extends pulumi.ProviderResource {
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions);
  }
}
