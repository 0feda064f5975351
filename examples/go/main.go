// Reads the Turso group `default` through the turso-group plugin's typed Go SDK and exports where
// it runs. GetGroupOutput, the output form: it keeps the secrecy of its arguments and of a secret
// turso-group:organization (the plain GetGroup fails on a secret result).
package main

import (
	"github.com/pulumi-turso-group/pulumi-turso-group/plugin-sdks/go/tursogroup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		group := tursogroup.GetGroupOutput(ctx, tursogroup.GetGroupOutputArgs{Group: pulumi.String("default")})
		ctx.Export("primary", group.Primary())
		ctx.Export("locations", group.Locations())
		return nil
	})
}
