// Command pulumi-language-nodejs is this project's stand-in for Pulumi's Node.js language host.
//
// Why it exists: the official host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// has no tags and the Go module proxy these machines reach serves no version of it (every request
// answers 403 "This module version is not available."), so it cannot be built here. The engine, the
// Node.js SDK runtime (@pulumi/pulumi/cmd/run) and the dynamic-provider plugin are the real ones;
// this program only does the host's job of starting the SDK runtime for a program:
//
//   - Run: spawns `node <@pulumi/pulumi/cmd/run> --monitor ... <program>` in the program directory
//     with the stack configuration in PULUMI_CONFIG, as the official host does, and the runtime
//     options typescript, tsconfig and transpileOnly of Pulumi.yaml in the SDK's variables;
//   - GetRequiredPackages/Plugins: none (dynamic providers need no plugin download);
//   - InstallDependencies: nothing (the project's scripts run `npm ci`).
//
// scripts/lib.sh builds it into the cache beside the Pulumi CLI it builds (ensure_pulumi). The gRPC
// server, the configuration and exit handling and the serve loop, which the stand-in Go and Bun
// hosts share, are in ../standin; this file has what is the Node.js host's own: About and Run.
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
	return standin.About("node", "--version")
}

// option reads a runtime option from Pulumi.yaml (`runtime: {name: nodejs, options: {...}}`).
func option(info *pulumirpc.ProgramInfo, name string) (string, bool) {
	v, ok := info.GetOptions().AsMap()[name]
	if !ok {
		return "", false
	}
	return fmt.Sprint(v), true
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := standin.ProgramDirectory(req)
	program := standin.EntryPoint(req)

	resolve := exec.CommandContext(ctx, "node", "-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run'))")
	resolve.Dir = programDir
	runPath, err := resolve.Output()
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"could not find @pulumi/pulumi from %s: run `npm install` there (%v)", programDir, err)}, nil
	}

	args := []string{
		string(runPath),
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.EngineAddress,
		"--organization", req.GetOrganization(),
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", req.GetPwd(),
		"--root-directory", info.GetRootDirectory(),
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := standin.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	typescript := "true"
	if v, ok := option(info, "typescript"); ok {
		typescript = v
	}
	env := append(append(os.Environ(), config...), "PULUMI_NODEJS_TYPESCRIPT="+typescript)
	if v, ok := option(info, "tsconfig"); ok {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+filepath.Join(programDir, v))
	}
	if v, ok := option(info, "transpileOnly"); ok {
		env = append(env, "PULUMI_NODEJS_TRANSPILE_ONLY="+v)
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	return standin.RunProgram(cmd, "Node.js"), nil
}

func main() {
	standin.Serve("pulumi-language-nodejs", &host{}, "tracing", "root", "typescript")
}
