package main

// Which packages a Go program needs, answered as Pulumi's Go host answers it: from the
// pulumi-plugin.json of each module the program's go.mod requires. The engine then makes sure each
// plugin is installed at that version (downloading it from `server` when it is not, unless
// PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION is set), which is why a generated Go SDK must state
// its version there: without one, the version is the module's in go.mod, v0.0.0 for a module
// replaced by a folder.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// module is what `go list -m -json` and `go mod download -json` say of a module.
type module struct {
	Path    string
	Version string
	// Dir holds the module's files: the module cache, or the folder a replace directive names.
	Dir string
}

// GetRequiredPackages: every module the program's go.mod requires (directly or not) that holds a
// pulumi-plugin.json with `resource: true`, as a package of that name, at the file's version (else
// the module's), with its download URL. Unlike the official host it does not take a module
// without pulumi-plugin.json for a provider by its path (github.com/pulumi/pulumi-NAME), and it
// reports a failing go command instead of answering none.
func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	root, err := goOutput(ctx, dir, "list", "-m", "-f", "{{.Dir}}")
	if err != nil {
		return nil, err
	}
	modDir := strings.TrimSpace(string(root))
	var gomod struct{ Require []module }
	if err := goJSON(ctx, modDir, &gomod, "mod", "edit", "-json"); err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(gomod.Require))
	for _, r := range gomod.Require {
		paths = append(paths, r.Path)
	}
	modules, err := moduleDirs(ctx, modDir, paths)
	if err != nil {
		return nil, err
	}
	var packages []*pulumirpc.PackageDependency
	for _, m := range modules {
		info, err := pluginJSON(m.Dir)
		if err != nil {
			return nil, fmt.Errorf("module %s: %w", m.Path, err)
		}
		if info == nil || !info.Resource {
			continue
		}
		version := info.Version
		if version == "" {
			version = m.Version
		}
		packages = append(packages, &pulumirpc.PackageDependency{
			Kind: "resource", Name: info.Name, Version: version, Server: info.Server,
		})
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

// GetRequiredPlugins is not implemented, as in Pulumi's Go host: the engine asks for packages.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "GetRequiredPlugins is not implemented: the Go host answers GetRequiredPackages")
}

// moduleDirs lists paths' modules with their folders, downloading those not yet in the module cache.
func moduleDirs(ctx context.Context, modDir string, paths []string) ([]module, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	listed, err := goModules(ctx, modDir, append([]string{"list", "-m", "-json"}, paths...)...)
	if err != nil {
		return nil, err
	}
	for i, m := range listed {
		if m.Dir != "" {
			continue
		}
		downloaded, err := goModules(ctx, modDir, "mod", "download", "-json", m.Path)
		if err != nil {
			return nil, err
		}
		if len(downloaded) == 1 {
			listed[i].Dir = downloaded[0].Dir
		}
	}
	return listed, nil
}

// pulumiPlugin is what a pulumi-plugin.json says (the fields a package dependency takes; Pulumi's
// own reader, sdk/go/common/resource/plugin, would bring some forty modules into this build).
type pulumiPlugin struct {
	Resource bool   `json:"resource"`
	Name     string `json:"name"`
	Version  string `json:"version"`
	Server   string `json:"server"`
}

// pluginJSON is the first pulumi-plugin.json of a module's folder, where Pulumi's Go host looks:
// DIR, DIR/go, DIR/go/*, DIR/*; nil when there is none.
func pluginJSON(dir string) (*pulumiPlugin, error) {
	if dir == "" {
		return nil, nil
	}
	candidates := []string{filepath.Join(dir, "pulumi-plugin.json"), filepath.Join(dir, "go", "pulumi-plugin.json")}
	for _, pattern := range []string{filepath.Join(dir, "go", "*", "pulumi-plugin.json"), filepath.Join(dir, "*", "pulumi-plugin.json")} {
		matches, _ := filepath.Glob(pattern)
		candidates = append(candidates, matches...)
	}
	for _, file := range candidates {
		raw, err := os.ReadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		var info pulumiPlugin
		if err := json.Unmarshal(raw, &info); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return &info, nil
	}
	return nil, nil
}

// goModules decodes the stream of JSON modules that a go command prints.
func goModules(ctx context.Context, dir string, args ...string) ([]module, error) {
	out, err := goOutput(ctx, dir, args...)
	if err != nil {
		return nil, err
	}
	var modules []module
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var m module
		if err := dec.Decode(&m); err == io.EOF {
			return modules, nil
		} else if err != nil {
			return nil, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
		modules = append(modules, m)
	}
}

// goJSON decodes the one JSON document that a go command prints.
func goJSON(ctx context.Context, dir string, v any, args ...string) error {
	out, err := goOutput(ctx, dir, args...)
	if err != nil {
		return err
	}
	return json.Unmarshal(out, v)
}

// goOutput runs `go ARGS` in dir outside any workspace (GOWORK=off, as the official host does).
func goOutput(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s in %s: %w\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return out, nil
}
