// Command pulumi-language-python is this project's stand-in for Pulumi's Python language host, so
// that a `runtime: python` program using the generated SDK (plugin-sdks/python, installed as a
// wheel) runs through the real Pulumi CLI here.
//
// Why it exists: the official host (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3)
// is not served by the Go module proxy these machines reach (403), like the Node.js host
// (scripts/langhost). The engine, Pulumi's Python SDK (from PyPI, in the program's Python) and the
// provider plugin are the real ones; this program does the host's job for a pip project:
//
//   - Run: the Python of the project's `virtualenv` runtime option (relative to the project's
//     folder, activated: its bin first on PATH, VIRTUAL_ENV), or else PULUMI_PYTHON_CMD, python3
//     or python from PATH, runs exec.py (embedded; what Pulumi's pulumi-language-python-exec does)
//     with the official host's command line: --monitor, --engine, --project, --root_directory,
//     --stack, --pwd, --dry_run, --parallel, --organization, then the entry point (the program
//     folder's __main__.py, or the `main` of Pulumi.yaml) and its arguments; the stack's
//     configuration goes in PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS. A `virtualenv` that is
//     not one fails the run with the commands that make it.
//   - InstallDependencies (`pulumi install`): makes the virtualenv when missing, updates pip,
//     setuptools and wheel in it, and installs requirements.txt from the program's folder.
//   - GetRequiredPackages and GetRequiredPlugins: the plugins that the installed packages'
//     pulumi-plugin.json files name (or a pulumi-* package's name and version), making the
//     virtualenv first if it is missing, as the official host does.
//
// Not done, unlike the official host: the poetry and uv toolchains and the `typechecker` option
// (refused by name), debugging, `pulumi new`'s prompts, Pack, generating programs or SDKs,
// Python version warnings, and the engine's Cancel (the program is stopped when the engine ends
// the run).
//
// The gRPC server, the configuration and exit handling and the serve loop, which the stand-in Go
// and Bun hosts share, are in ../standin.
package main

import (
	"context"
	_ "embed"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"

	"pulumi-turso-group/scripts/langhosts/standin"
)

//go:embed exec.py
var execScript []byte

type host struct {
	standin.Base
}

// pythonOf is the Python of a program's project, from its runtime options.
func pythonOf(info *pulumirpc.ProgramInfo) (python, error) {
	return newPython(info.GetRootDirectory(), info.GetProgramDirectory(), info.GetOptions().AsMap())
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	cmd, err := python{}.command(ctx, "--version")
	if err != nil {
		return nil, err
	}
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{
		Executable: cmd.Path,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "Python "),
	}, nil
}

func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := h.required(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := h.required(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// required makes a missing virtualenv (the official host's EnsureVenv) and reads the plugins that
// the packages installed in it name.
func (h *host) required(ctx context.Context, info *pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error) {
	py, err := pythonOf(info)
	if err != nil {
		return nil, err
	}
	if py.venv != "" && !py.isVenv() {
		if err := py.install(ctx, info.GetProgramDirectory(), os.Stderr, os.Stderr); err != nil {
			return nil, err
		}
	}
	return requiredPackages(ctx, py)
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	py, err := pythonOf(req.GetInfo())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := py.install(server.Context(), req.GetInfo().GetProgramDirectory(), stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	py, err := pythonOf(info)
	if err == nil {
		err = py.validate()
	}
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	tmp, err := os.MkdirTemp("", "pulumi-python-exec-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	script := filepath.Join(tmp, "pulumi-language-python-exec")
	if err := os.WriteFile(script, execScript, 0o600); err != nil {
		return nil, err
	}

	args := []string{script}
	for _, kv := range [][2]string{
		{"monitor", req.GetMonitorAddress()},
		{"engine", h.EngineAddress},
		{"project", req.GetProject()},
		{"root_directory", info.GetRootDirectory()},
		{"stack", req.GetStack()},
		{"pwd", req.GetPwd()},
		{"dry_run", strconv.FormatBool(req.GetDryRun())},
		{"parallel", strconv.Itoa(int(req.GetParallel()))},
		{"organization", req.GetOrganization()},
	} {
		if kv[1] != "" {
			args = append(args, "--"+kv[0], kv[1])
		}
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(append(args, entry), req.GetArgs()...)

	config, err := standin.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd, err := py.command(ctx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd.Dir = standin.ProgramDirectory(req)
	cmd.Env = append(cmd.Env, config...)
	return standin.RunProgram(cmd, "Python"), nil
}

func main() {
	standin.Serve("pulumi-language-python", &host{}, "tracing", "root", "use-executor")
}
