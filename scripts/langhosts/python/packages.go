package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// listScript prints, as JSON, every distribution installed in the Python that runs it: its name,
// its version and the content of the pulumi-plugin.json among its files (null when it has none).
const listScript = `import importlib.metadata as md, json
out = []
for dist in md.distributions():
    plugin = None
    for f in dist.files or []:
        if f.name == "pulumi-plugin.json":
            try:
                plugin = json.loads(f.locate().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            break
    out.append({"name": dist.metadata["Name"] or "", "version": dist.version, "plugin": plugin})
print(json.dumps(out))`

// pluginJSON is the part of a package's pulumi-plugin.json that names its plugin.
type pluginJSON struct {
	Resource         bool   `json:"resource"`
	Name             string `json:"name"`
	Version          string `json:"version"`
	Server           string `json:"server"`
	Parameterization *struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Value   []byte `json:"value"`
	} `json:"parameterization"`
}

type installed struct {
	Name    string      `json:"name"`
	Version string      `json:"version"`
	Plugin  *pluginJSON `json:"plugin"`
}

// Pulumi packages known to have no plugin, as Pulumi's host skips them.
var withoutPlugin = map[string]bool{"pulumi-policy": true, "pulumi-esc-sdk": true}

var separators = regexp.MustCompile(`[-_.]+`)

// requiredPackages are the plugins that the packages installed in p ask for, as Pulumi's host
// reads them: each package with a pulumi-plugin.json whose `resource` is true, and each package
// named pulumi-* without one; the plugin's name and version from that file, or else from the
// package's name (without pulumi-) and version (PEP 440 turned into semver). A version that does
// not translate leaves the package out.
func requiredPackages(ctx context.Context, p python) ([]*pulumirpc.PackageDependency, error) {
	cmd, err := p.command(ctx, "-c", listScript)
	if err != nil {
		return nil, err
	}
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the installed Python packages (%s -c ...): %w", cmd.Path, err)
	}
	var all []installed
	if err := json.Unmarshal(out, &all); err != nil {
		return nil, fmt.Errorf("listing the installed Python packages: %w", err)
	}
	deps := []*pulumirpc.PackageDependency{}
	for _, pkg := range all {
		name := separators.ReplaceAllString(strings.ToLower(pkg.Name), "-")
		if withoutPlugin[name] || (pkg.Plugin == nil && !strings.HasPrefix(name, "pulumi-")) {
			continue
		}
		dep := &pulumirpc.PackageDependency{Kind: "resource", Name: strings.TrimPrefix(name, "pulumi-")}
		if pj := pkg.Plugin; pj != nil {
			if !pj.Resource {
				continue
			}
			if pj.Name != "" {
				dep.Name = pj.Name
			}
			dep.Version, dep.Server = pj.Version, pj.Server
			if pz := pj.Parameterization; pz != nil {
				dep.Parameterization = &pulumirpc.PackageParameterization{Name: pz.Name, Version: pz.Version, Value: pz.Value}
			}
		}
		if dep.Version == "" {
			v, ok := semverOf(pkg.Version)
			if !ok {
				continue
			}
			dep.Version = v
		}
		if !strings.HasPrefix(dep.Version, "v") {
			dep.Version = "v" + dep.Version
		}
		deps = append(deps, dep)
	}
	return deps, nil
}

var pep440 = regexp.MustCompile(`^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$`)

// semverOf turns a PEP 440 version N(.N)*[{a|b|rc}N][.postN][.devN] into the plugin version that
// Pulumi's releases pair with it: at least three numbers, 1.2.3a4 -> 1.2.3-alpha.4 (beta, rc
// alike), .post4 -> +post4, .dev5 -> +dev5 (after a post release: +post4dev5).
func semverOf(version string) (string, bool) {
	m := pep440.FindStringSubmatch(version)
	if m == nil {
		return "", false
	}
	numbers := strings.Split(m[1], ".")
	for len(numbers) < 3 {
		numbers = append(numbers, "0")
	}
	v := strings.Join(numbers, ".")
	if m[2] != "" {
		v += "-" + map[string]string{"a": "alpha", "b": "beta", "rc": "rc"}[m[2]] + "." + m[3]
	}
	build := ""
	if m[4] != "" {
		build += "post" + m[4]
	}
	if m[5] != "" {
		build += "dev" + m[5]
	}
	if build != "" {
		v += "+" + build
	}
	return v, true
}
