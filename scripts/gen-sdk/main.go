// Command gen-sdk writes the Python, Go, .NET and Java SDKs of the turso-group provider plugin from
// its schema, with Pulumi's own code generators as a library: github.com/pulumi/pulumi/pkg/v3/codegen
// for the first three, github.com/pulumi/pulumi-java/pkg/codegen/java for Java.
//
//	gen-sdk SCHEMA.json OUT_DIR
//
// OUT_DIR/python, OUT_DIR/go, OUT_DIR/dotnet and OUT_DIR/java are replaced. Where a generator writes
// no packaging files (Java's Maven pom.xml, Python's README.md beside pyproject.toml), packaging.go
// derives them from the same schema. `pulumi package gen-sdk`
// would ask each language's host to generate, and no host but Node.js's and YAML's runs on the
// machines that test this project (the Go module proxy serves none of pulumi-language-python, -go,
// -dotnet, -java);
// the generators those hosts call are plain Go packages, so this calls them directly.
//
// The output must be the same on every run (npm test regenerates it and compares it with
// plugin-sdks/): files are written from sorted maps, nothing carries a date, a path or a port.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"

	javagen "github.com/pulumi/pulumi-java/pkg/codegen/java"
	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The tool name the generators write into each file's "do not edit" header.
const tool = "pulumi-turso-group gen-sdk"

// A 1x1 transparent PNG. The .NET generator downloads the package's logo into the SDK (the
// Pulumi logo on GitHub when the schema names none), which these machines cannot reach; it is
// served on loopback instead, and the schema's logoUrl is left out of every other language.
var logo = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
	0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
	0x42, 0x60, 0x82,
}

type generator func(pkg *schema.Package) (map[string][]byte, error)

var generators = map[string]generator{
	"python": func(pkg *schema.Package) (map[string][]byte, error) {
		return pygen.GeneratePackage(tool, pkg, nil, nil)
	},
	"go": func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage(tool, pkg, nil)
	},
	"dotnet": func(pkg *schema.Package) (map[string][]byte, error) {
		return dotnetgen.GeneratePackage(tool, pkg, nil, nil)
	},
	// As pulumi-language-java's GeneratePackage does it: not local, new-style build files, which the
	// schema's `buildFiles: none` turns off (packaging.go writes a Maven pom.xml instead).
	"java": func(pkg *schema.Package) (map[string][]byte, error) {
		return javagen.GeneratePackage(tool, pkg, nil, nil, false, false)
	},
}

// The languages, in the order they are generated.
var languages = []string{"python", "go", "dotnet", "java"}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdk SCHEMA.json OUT_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdk:", err)
		os.Exit(1)
	}
}

func run(schemaFile, out string) error {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	logoURL, err := serveLogo()
	if err != nil {
		return err
	}
	for _, lang := range languages {
		var spec schema.PackageSpec
		if err := json.Unmarshal(raw, &spec); err != nil {
			return fmt.Errorf("%s: %w", schemaFile, err)
		}
		if lang == "dotnet" {
			spec.LogoURL = logoURL
		}
		if lang == "java" {
			// pulumi-language-java merges types whose names differ only in case before binding;
			// the schema has none, and the step keeps the output what the Java host would write.
			deduped, diags, err := javagen.DeduplicateTypes(&spec)
			if err != nil {
				return fmt.Errorf("java: %w", err)
			}
			if diags.HasErrors() {
				return fmt.Errorf("java: %v", diags)
			}
			spec = *deduped
		}
		pkg, diags, err := schema.BindSpec(spec, nil, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("binding the schema: %w", err)
		}
		if diags.HasErrors() {
			return fmt.Errorf("the schema is not valid: %v", diags)
		}
		files, err := generators[lang](pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		if add, ok := packaging[lang]; ok {
			if err := add(pkg, files); err != nil {
				return err
			}
		}
		if err := write(filepath.Join(out, lang), files); err != nil {
			return err
		}
		if lang == "go" {
			if err := goModule(filepath.Join(out, lang), spec); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files in %s\n", lang, len(files), filepath.Join(out, lang))
	}
	return nil
}

// goModule makes the Go SDK a module of its own, so that a program requires or replaces it like
// any other: go.mod names the module above the schema's importBasePath and requires the Pulumi Go
// SDK of the same release as the generators (the generated code is written for it); `go mod tidy`
// completes go.mod and writes go.sum from the Go module proxy. (The generator writes a go.mod
// itself only for schemas with meta.supportPack, whose other changes this package does not want.)
func goModule(dir string, spec schema.PackageSpec) error {
	var info struct {
		ImportBasePath string `json:"importBasePath"`
	}
	if err := json.Unmarshal(spec.Language["go"], &info); err != nil || info.ImportBasePath == "" {
		return fmt.Errorf("the schema has no language.go.importBasePath, which names the Go module")
	}
	version, err := pulumiVersion()
	if err != nil {
		return err
	}
	mod := fmt.Sprintf("module %s\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n",
		path.Dir(info.ImportBasePath), version)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		return err
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	tidy.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	if out, err := tidy.CombinedOutput(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %w\n%s", dir, err, out)
	}
	return nil
}

// pulumiVersion is the version of github.com/pulumi/pulumi/pkg/v3 this tool is built with; the
// Pulumi Go SDK of each release carries the same version.
func pulumiVersion() (string, error) {
	build, ok := debug.ReadBuildInfo()
	if ok {
		for _, dep := range build.Deps {
			if dep.Path == "github.com/pulumi/pulumi/pkg/v3" {
				return dep.Version, nil
			}
		}
	}
	return "", fmt.Errorf("cannot tell which github.com/pulumi/pulumi/pkg/v3 this tool is built with")
}

// serveLogo serves the logo on a loopback port for the .NET generator and returns its URL.
func serveLogo() (string, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("serving the logo on loopback: %w", err)
	}
	go func() {
		_ = http.Serve(listener, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write(logo)
		}))
	}()
	return "http://" + listener.Addr().String() + "/logo.png", nil
}

// write replaces dir with exactly the generated files.
func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
