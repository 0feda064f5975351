// Command pulumi-language-bun is this project's stand-in for Pulumi's Bun language host, so that a
// `runtime: bun` program runs through the real Pulumi CLI here.
//
// Why it exists: the CLI (v3.274.1) loads the language plugin `bun` for `runtime: bun`, and fails
// without it: "no language plugin 'pulumi-language-bun' found in the workspace or on your $PATH".
// The official one (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-bun/v3) is not
// served by the Go module proxy these machines reach (403), like the Node.js host (../nodejs).
//
// What the official one does: it is a shim that starts `pulumi-language-nodejs -runtime bun`; that
// host then runs the program with `bun run <@pulumi/pulumi/cmd/run> --monitor ... --engine ...
// <entry point>` instead of `node`, refuses an @pulumi/pulumi older than 3.226.0, sets no
// PULUMI_NODEJS_TYPESCRIPT or PULUMI_NODEJS_TSCONFIG_PATH (Bun compiles TypeScript itself) and
// ignores the options typescript, tsconfig, nodeargs and packagemanager (always bun).
//
// This stand-in serves the language runtime itself rather than through the Node.js host, because
// this project's Node.js stand-in (../nodejs) takes no -runtime flag. The engine,
// the Node.js SDK runtime (@pulumi/pulumi/cmd/run, run by Bun) and the plugins are the real ones;
// this program only does the host's job for a program:
//
//   - Run: resolves @pulumi/pulumi/cmd/run from the program's directory with `bun`, refuses an
//     @pulumi/pulumi older than 3.226.0 with the official host's words, then runs
//     `bun run <cmd/run> --monitor ... <entry point>` with the stack configuration in PULUMI_CONFIG
//     and PULUMI_CONFIG_SECRET_KEYS, as the official host does;
//   - GetRequiredPackages/Plugins: none (a program names the turso-group plugin in plugins.providers);
//   - InstallDependencies: nothing (the official host runs `bun install`; here the program uses the
//     repository's node_modules).
//
// Not done, unlike the official host: the monitor proxy and the `--sync` pipes (the SDK then
// answers synchronous invokes asynchronously, as under this project's Node.js stand-in), debugging.
//
// The gRPC server, the configuration and exit handling and the serve loop, which the stand-in Node.js
// and Go hosts share, are in ../standin; this file has what is the Bun host's own: About and Run.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-turso-group/scripts/langhosts/standin"
)

// The oldest @pulumi/pulumi that the official host runs under Bun (minBunPulumiSDKVersion).
var minSDK = [3]int{3, 226, 0}

type host struct {
	standin.Base
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return standin.About("bun", "--version")
}

// Prints the path of @pulumi/pulumi/cmd/run and the version of @pulumi/pulumi, as resolved from the
// program's directory, on two lines.
const resolveScript = `const run = require.resolve("@pulumi/pulumi/cmd/run");` +
	`const { version } = require(require.resolve("@pulumi/pulumi/package.json"));` +
	`console.log(run + "\n" + version);`

// olderThan reports whether a version "major.minor.patch[-…]" is older than min.
func olderThan(version string, min [3]int) bool {
	parts := strings.SplitN(strings.SplitN(version, "-", 2)[0], ".", 3)
	for i := 0; i < 3; i++ {
		n := 0
		if i < len(parts) {
			n, _ = strconv.Atoi(parts[i])
		}
		if n != min[i] {
			return n < min[i]
		}
	}
	return false
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := standin.ProgramDirectory(req)
	program := standin.EntryPoint(req)
	bun, err := exec.LookPath("bun")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find bun on the $PATH: %v", err)}, nil
	}

	resolve := exec.CommandContext(ctx, bun, "-e", resolveScript)
	resolve.Dir = programDir
	out, err := resolve.Output()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err != nil || len(lines) != 2 {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"could not find @pulumi/pulumi from %s with bun: install the program's dependencies there (%v)", programDir, err)}, nil
	}
	runPath, sdkVersion := lines[0], lines[1]
	if olderThan(sdkVersion, minSDK) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"the bun runtime requires @pulumi/pulumi >= %d.%d.%d, but %s is installed",
			minSDK[0], minSDK[1], minSDK[2], sdkVersion)}, nil
	}

	args := []string{
		"run", runPath,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.EngineAddress,
		"--organization", req.GetOrganization(),
		"--project", req.GetProject(),
		"--root-directory", info.GetRootDirectory(),
		"--stack", req.GetStack(),
		"--pwd", programDir,
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, "--parallel", strconv.Itoa(int(req.GetParallel())), program)
	args = append(args, req.GetArgs()...)

	config, err := standin.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bun, args...)
	cmd.Dir = programDir
	cmd.Env = append(os.Environ(), config...)
	return standin.RunProgram(cmd, "Bun"), nil
}

func main() {
	standin.Serve("pulumi-language-bun", &host{}, "tracing", "root")
}
