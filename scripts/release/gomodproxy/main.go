// Command gomodproxy writes one version of a Go module into a folder laid out as a Go module proxy
// serves it (GOPROXY=file://FOLDER): FOLDER/<module>/@v/list, v<version>.info, .mod and .zip.
//
//	gomodproxy -version v0.2.0 -out FOLDER MODULE_DIR
//
// The zip is made by golang.org/x/mod/zip, the package the go command itself uses to zip a module
// (the same file selection: no vendor/ or nested modules, no files the go command would refuse,
// the size limits), so `go get MODULE@VERSION` through the folder gets what it would get from
// proxy.golang.org after the tag is pushed. The .info time is -time (RFC 3339; the release passes
// the commit's time), so the same commit gives the same bytes. It prints the go.sum lines a user's
// module records for this version.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

func main() {
	version := flag.String("version", "", "the version to write, v<semver> (required)")
	out := flag.String("out", "", "the proxy folder (required)")
	stamp := flag.String("time", "1970-01-01T00:00:00Z", "the version's time in the .info file (RFC 3339)")
	flag.Parse()
	if err := run(*version, *out, *stamp, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gomodproxy:", err)
		os.Exit(1)
	}
}

func run(version, out, stamp string, args []string) error {
	if len(args) != 1 || version == "" || out == "" {
		return fmt.Errorf("usage: gomodproxy -version vX.Y.Z -out FOLDER MODULE_DIR")
	}
	dir := args[0]
	if !semver.IsValid(version) || semver.Canonical(version) != version {
		return fmt.Errorf("-version %q is not a canonical semantic version (vX.Y.Z)", version)
	}
	when, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return fmt.Errorf("-time %q: %w", stamp, err)
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(gomod)
	if path == "" {
		return fmt.Errorf("%s/go.mod names no module", dir)
	}
	mv := module.Version{Path: path, Version: version}
	if err := module.Check(path, version); err != nil {
		return err // e.g. a v2+ version without the /vN suffix in the module path
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	at := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}

	zipFile := filepath.Join(at, version+".zip")
	f, err := os.Create(zipFile)
	if err != nil {
		return err
	}
	if err := modzip.CreateFromDir(f, mv, dir); err != nil {
		f.Close()
		return fmt.Errorf("zipping %s: %w", dir, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    string
	}{version, when.UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, version+".info"), append(info, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, version+".mod"), gomod, 0o644); err != nil {
		return err
	}
	if err := writeList(filepath.Join(at, "list"), version); err != nil {
		return err
	}

	zipHash, err := dirhash.HashZip(zipFile, dirhash.Hash1)
	if err != nil {
		return err
	}
	modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(gomod)), nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("%s %s %s\n%s %s/go.mod %s\n", path, version, zipHash, path, version, modHash)
	return nil
}

// writeList adds version to the proxy's list of versions, keeping the others, sorted.
func writeList(file, version string) error {
	var versions []string
	if old, err := os.ReadFile(file); err == nil {
		versions = strings.Fields(string(old))
	} else if !os.IsNotExist(err) {
		return err
	}
	if !slices.Contains(versions, version) {
		versions = append(versions, version)
	}
	semver.Sort(versions)
	return os.WriteFile(file, []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}
