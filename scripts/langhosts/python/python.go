package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// python is the Python that runs a program: a virtualenv's, when the project's `virtualenv`
// runtime option names one, otherwise the one on PATH (PULUMI_PYTHON_CMD, else python3, else
// python), as Pulumi's pip toolchain picks it.
type python struct {
	// option is the `virtualenv` option as written; venv the folder it names (relative to the
	// project's root directory), "" for the Python on PATH.
	option, venv string
}

// newPython reads the runtime options that choose the Python. Pulumi's host also takes
// `toolchain: poetry|uv` (and detects poetry.lock and uv.lock) and `typechecker`: this stand-in
// refuses them by name rather than run the program another way.
func newPython(root, programDir string, options map[string]any) (python, error) {
	var p python
	if v, ok := options["virtualenv"]; ok {
		s, ok := v.(string)
		if !ok {
			return p, errors.New("the `virtualenv` runtime option must be a string")
		}
		p.option, p.venv = s, s
		if s != "" && !filepath.IsAbs(s) {
			p.venv = filepath.Join(root, s)
		}
	}
	if tc, ok := options["toolchain"]; ok && tc != "pip" {
		return p, fmt.Errorf("the runtime option `toolchain: %v` is not supported by this stand-in Python language host (scripts/langhosts/python): only pip", tc)
	}
	if tc, ok := options["typechecker"]; ok {
		return p, fmt.Errorf("the runtime option `typechecker: %v` is not supported by this stand-in Python language host (scripts/langhosts/python): run the type checker yourself", tc)
	}
	for dir := programDir; ; dir = filepath.Dir(dir) {
		for _, lock := range []string{"uv.lock", "poetry.lock"} {
			if _, err := os.Stat(filepath.Join(dir, lock)); err == nil {
				return p, fmt.Errorf("%s found in %s: this stand-in Python language host (scripts/langhosts/python) runs pip projects only", lock, dir)
			}
		}
		if dir == filepath.Dir(dir) {
			return p, nil
		}
	}
}

// isVenv says whether the option's folder holds a virtualenv (a bin/python in it).
func (p python) isVenv() bool {
	info, err := os.Stat(filepath.Join(p.venv, "bin", "python"))
	return err == nil && !info.IsDir()
}

// validate fails, with the commands that make it, when the option names no virtualenv.
func (p python) validate() error {
	if p.venv == "" || p.isVenv() {
		return nil
	}
	state := "is not a virtualenv"
	if _, err := os.Stat(p.venv); os.IsNotExist(err) {
		state = "does not exist"
	}
	bin := filepath.Join(p.venv, "bin", "python")
	return fmt.Errorf("The 'virtualenv' option in Pulumi.yaml is set to %q, but %s %s; make it and install the "+
		"program's dependencies with `pulumi install`, or:\n    python3 -m venv %s\n    %s -m pip install -r requirements.txt",
		p.option, p.venv, state, p.venv, bin)
}

// command is `python ARGS...` in the chosen Python, with the virtualenv activated as Pulumi's host
// activates it: its bin first on PATH, VIRTUAL_ENV set, PYTHONHOME unset.
func (p python) command(ctx context.Context, args ...string) (*exec.Cmd, error) {
	if p.venv != "" {
		cmd := exec.CommandContext(ctx, filepath.Join(p.venv, "bin", "python"), args...)
		cmd.Env = activate(os.Environ(), p.venv)
		return cmd, nil
	}
	names := []string{"python3", "python"}
	if name := os.Getenv("PULUMI_PYTHON_CMD"); name != "" {
		names = []string{name}
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			cmd := exec.CommandContext(ctx, path, args...)
			cmd.Env = os.Environ()
			return cmd, nil
		}
	}
	return nil, fmt.Errorf("none of %s is on PATH: install Python 3.9 or newer", strings.Join(names, ", "))
}

func activate(environ []string, venv string) []string {
	env := []string{"VIRTUAL_ENV=" + venv}
	path := filepath.Join(venv, "bin")
	for _, kv := range environ {
		switch key, value, _ := strings.Cut(kv, "="); key {
		case "PYTHONHOME", "VIRTUAL_ENV":
		case "PATH":
			path += string(os.PathListSeparator) + value
		default:
			env = append(env, kv)
		}
	}
	return append(env, "PATH="+path)
}

// install makes the virtualenv when the option names one that is missing or empty, brings pip,
// setuptools and wheel up to date in it and installs requirements.txt of the program's folder
// when there is one: Pulumi's pip toolchain's steps for `pulumi install`.
func (p python) install(ctx context.Context, programDir string, stdout, stderr io.Writer) error {
	run := func(what string, cmd *exec.Cmd, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s...\n", what)
		cmd.Dir, cmd.Stdout, cmd.Stderr = programDir, stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s (%s): %w", what, strings.Join(cmd.Args, " "), err)
		}
		return nil
	}
	if p.venv != "" && !p.isVenv() {
		host := python{}
		cmd, err := host.command(ctx, "-m", "venv", p.venv)
		if err := run("Creating virtual environment "+p.venv, cmd, err); err != nil {
			return err
		}
	}
	cmd, err := p.command(ctx, "-m", "pip", "install", "--upgrade", "pip", "setuptools", "wheel")
	if err := run("Updating pip, setuptools, and wheel", cmd, err); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(programDir, "requirements.txt")); err != nil {
		return nil
	}
	cmd, err = p.command(ctx, "-m", "pip", "install", "-r", "requirements.txt")
	return run("Installing requirements.txt", cmd, err)
}
