// Package standin is the part that this project's stand-in language hosts (the Node.js host in
// ../nodejs, the Go host in ../go and the Bun host in ../bun) share: the LanguageRuntime gRPC
// server that answers the engine's calls the way the official hosts do for a program of this
// repository (no plugins or packages to install, no runtime options to prompt for, no dependency
// report), the stack configuration handed to a program, a program's exit turned into the engine's
// answer, and main's serve loop.
// Each host adds what it does differently: About and Run.
package standin

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Exit code with which a program reports an error it has already shown to the user: a Go
// program's pulumi.Run and the Node.js SDK's @pulumi/pulumi/cmd/run (which runs a Node.js or a Bun
// program) exit with it, and the host then bails instead of reporting another error.
const exitErrorAlreadyReported = 32

// Base answers the LanguageRuntime calls that every host answers alike; a host embeds it and
// implements About and Run.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// EngineAddress is the engine's address: the first command-line argument, then the one that
	// Handshake names.
	EngineAddress string
}

// Host is a language host that Serve serves: a LanguageRuntime server that embeds Base.
type Host interface {
	pulumirpc.LanguageRuntimeServer
	base() *Base
}

func (b *Base) base() *Base { return b }

// Handshake records the engine's address.
func (b *Base) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.EngineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo names the version of a stand-in.
func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.0-turso-group-standin"}, nil
}

// GetRequiredPlugins: none (a program names the turso-group plugin in plugins.providers); the Go
// host answers GetRequiredPackages itself.
func (b *Base) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages: none, as GetRequiredPlugins.
func (b *Base) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// InstallDependencies does nothing: each host's comment says where a program's dependencies come from.
func (b *Base) InstallDependencies(*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return nil
}

// RuntimeOptionsPrompts: none.
func (b *Base) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// GetProgramDependencies: none reported.
func (b *Base) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// About runs `executable args...` and answers with the executable's name and the command's output
// as its version.
func About(executable string, args ...string) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command(executable, args...).Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(append([]string{executable}, args...), " "), err)
	}
	return &pulumirpc.AboutResponse{Executable: executable, Version: strings.TrimSpace(string(out))}, nil
}

// ProgramDirectory is the folder of the program that req runs: its program directory, or the
// working directory when the engine names none.
func ProgramDirectory(req *pulumirpc.RunRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetPwd()
}

// EntryPoint is the program that req runs, relative to its folder: Pulumi.yaml's `main`, or "."
// when it names none.
func EntryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	return "."
}

// ConfigEnv is the stack configuration of req as environment variables, PULUMI_CONFIG and
// PULUMI_CONFIG_SECRET_KEYS, which the Node.js and Go SDKs read.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	// The SDK parses these as a JSON object and array: never send null.
	configMap := req.GetConfig()
	if configMap == nil {
		configMap = map[string]string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secretKeyList := req.GetConfigSecretKeys()
	if secretKeyList == nil {
		secretKeyList = []string{}
	}
	secretKeys, err := json.Marshal(secretKeyList)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeys)}, nil
}

// RunProgram runs a program's command with the host's standard output and error and answers the
// engine: success, a bail when the program has already reported its error, or an error naming
// the language ("the Go program failed: ...").
func RunProgram(cmd *exec.Cmd, language string) *pulumirpc.RunResponse {
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == exitErrorAlreadyReported {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the %s program failed: %v", language, err)}
	}
	return &pulumirpc.RunResponse{}
}

// Serve is a host's main: it accepts the official host's flags named in ignoredFlags (and ignores
// them), takes the engine's address from the first argument, serves h over gRPC, prints the port
// and serves until the server stops; name (pulumi-language-go, ...) prefixes its errors.
func Serve(name string, h Host, ignoredFlags ...string) {
	for _, f := range ignoredFlags {
		flag.String(f, "", "accepted for compatibility; ignored")
	}
	flag.Parse()

	h.base().EngineAddress = flag.Arg(0)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of standard output.
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}
