// Command pulumi-language-go is this project's stand-in for Pulumi's Go language host, so that a Go
// program using the generated SDK (plugin-sdks/go) runs through the real Pulumi CLI here.
//
// Why it exists: the official host (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3) is
// not served by the Go module proxy these machines reach, like the Node.js host (../nodejs).
// The engine, the Pulumi Go SDK and the provider plugin are the real ones; this program only does
// the host's job for a program:
//
//   - Run: `go build` of the program folder into a temporary binary, then runs it with the engine's
//     addresses, the stack and its configuration in the environment variables that the Go SDK's
//     pulumi.Run reads (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_CONFIG, ...), as the official host does;
//   - GetRequiredPackages: as the official host, from the pulumi-plugin.json of the modules the
//     program requires (packages.go), so that the engine checks the plugin is installed at the
//     version the SDK states; GetRequiredPlugins is not implemented, as in the official host;
//   - InstallDependencies: nothing (a program's go.mod and go.sum are checked in; go build fetches
//     from the Go module proxy).
//
// It does not support the official host's runtime options (binary, buildTarget): they are refused.
//
// The gRPC server, the configuration and exit handling and the serve loop, which the stand-in Node.js
// and Bun hosts share, are in ../standin; this file and packages.go have what is the Go host's own:
// About, Run and the required packages.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-turso-group/scripts/langhosts/standin"
)

type host struct {
	standin.Base
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return standin.About("go", "env", "GOVERSION")
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := standin.ProgramDirectory(req)
	if options := info.GetOptions().AsMap(); len(options) > 0 {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"runtime options %v are not supported by this stand-in Go language host (scripts/langhosts/go)", options)}, nil
	}

	tmp, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	binary := filepath.Join(tmp, "program")
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	build.Dir = programDir
	if out, err := build.CombinedOutput(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("go build in %s failed: %v\n%s", programDir, err, out)}, nil
	}

	config, err := standin.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, binary, req.GetArgs()...)
	cmd.Dir = programDir
	cmd.Env = append(append(os.Environ(),
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.EngineAddress,
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ROOT_DIRECTORY="+info.GetRootDirectory(),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
	), config...)
	return standin.RunProgram(cmd, "Go"), nil
}

func main() {
	standin.Serve("pulumi-language-go", &host{}, "tracing", "root", "binary", "buildTarget")
}
