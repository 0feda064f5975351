// A Go program using the generated SDK's GetGroup, run by test/e2e/plugin-sdks.test.ts through the
// Pulumi CLI and the stand-in Go language host (scripts/langhosts/go) against the emulator.
package main

import (
	"github.com/pulumi-turso-group/pulumi-turso-group/plugin-sdks/go/tursogroup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		group, err := tursogroup.GetGroup(ctx, &tursogroup.GetGroupArgs{
			Group:  "default",
			Expect: &tursogroup.PlacementExpectation{PrimaryIn: []string{"fra"}},
		})
		if err != nil {
			return err
		}
		ctx.Export("primary", pulumi.String(group.Primary))
		ctx.Export("locations", pulumi.ToStringArray(group.Locations))
		return nil
	})
}
