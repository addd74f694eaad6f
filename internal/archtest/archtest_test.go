// Package archtest keeps Lamina's layering true (DESIGN.md): a package
// imports only from its own tier or below, descriptions never import the
// engine, results never import the simulator, the front ends (the CLI,
// cmd/) call the library and never the engine, and nothing outside cmd/
// links MPI.
package archtest

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/laminasim/lamina"

// tier assigns every package of the module to a layer of DESIGN.md.
func tier(pkg string) (int, bool) {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	first := strings.SplitN(rel, "/", 2)[0]
	switch {
	case rel == "units" || first == "rng":
		return 0, true
	case first == "morph" || first == "mech" || first == "drive" || first == "electrode" || first == "probe" || first == "record" ||
		first == "cell" || first == "model" || first == "models" || first == "spec" ||
		first == "point" || first == "pointnet":
		return 1, true
	case strings.HasPrefix(rel, "internal/cli") || rel == "dist/mpi":
		// the CLI, and the MPI binding only the binary links
		return 4, true
	case first == "internal" || first == "dist" || first == "engine":
		return 2, true
	case first == "dipole" || first == "lfp" || first == "analysis" || first == "plot" || first == "format" || first == "simulate" ||
		first == "batch" || first == "fit" || first == "netman" || first == "results" || first == "output" || first == "sweep" || first == "fitrun":
		return 3, true
	case first == "cmd" || first == "gui": // the front ends
		return 4, true
	case strings.HasPrefix(rel, "internal/archtest") || first == "bench" || first == "examples":
		return 5, true
	}
	return 0, false
}

// isResults reports whether a package holds or handles results: saved
// results are read, analysed and plotted with no simulator linked.
func isResults(rel string) bool {
	first := strings.SplitN(rel, "/", 2)[0]
	switch first {
	case "record", "results", "dipole", "lfp", "analysis", "plot", "format", "output":
		return true
	}
	return false
}

// isEngine reports whether a package is the engine (tier 2).
func isEngine(rel string) bool {
	t, _ := tier(module + "/" + rel)
	return t == 2
}

type pkgInfo struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkgInfo {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []pkgInfo
	for {
		var p pkgInfo
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestLayers(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 10 {
		t.Fatalf("only %d packages listed", len(pkgs))
	}
	for _, p := range pkgs {
		pt, ok := tier(p.ImportPath)
		if !ok {
			t.Errorf("%s: not assigned to a tier; add it to archtest", p.ImportPath)
			continue
		}
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			it, _ := tier(imp)
			irel := strings.TrimPrefix(imp, module+"/")
			if it > pt {
				t.Errorf("%s (tier %d) imports %s (tier %d)", rel, pt, irel, it)
			}
			// Rule 2: results never import the simulator or its internals.
			if isResults(rel) && (isEngine(irel) || irel == "simulate") {
				t.Errorf("%s is a results package and imports %s", rel, irel)
			}
			// Rule 7: the front ends are wiring: they call the library's
			// run API and never the engine.
			if (strings.HasPrefix(rel, "internal/cli") || strings.HasPrefix(rel, "cmd/")) && isEngine(irel) {
				t.Errorf("%s is a front end and imports the engine package %s", rel, irel)
			}
		}
		// Rule 6: only cmd/* links MPI.
		if !strings.HasPrefix(rel, "cmd/") && !strings.HasPrefix(rel, "dist/mpi") {
			for _, imp := range p.Imports {
				if strings.HasSuffix(imp, "/dist/mpi") {
					t.Errorf("%s imports the MPI binding", rel)
				}
			}
		}
	}
}

// TestDescriptionsNeedNoEngine checks rule 1 transitively: no description
// package depends, even indirectly, on the engine.
func TestDescriptionsNeedNoEngine(t *testing.T) {
	for _, p := range listPackages(t) {
		if pt, _ := tier(p.ImportPath); pt != 1 {
			continue
		}
		out, err := exec.Command("go", "list", "-deps", p.ImportPath).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(dep, module+"/")
			if rel == "engine" || strings.HasPrefix(rel, "internal/") || strings.HasPrefix(rel, "dist") {
				t.Errorf("%s depends on %s", p.ImportPath, dep)
			}
		}
	}
}

// TestResultsNeedNoEngine checks rule 2 transitively: no results package
// links the simulator, even through another package.
func TestResultsNeedNoEngine(t *testing.T) {
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		if !isResults(rel) {
			continue
		}
		out, err := exec.Command("go", "list", "-deps", p.ImportPath).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if d := strings.TrimPrefix(dep, module+"/"); d != dep && (d == "simulate" || d == "engine" || strings.HasPrefix(d, "internal/")) {
				t.Errorf("%s depends on %s", rel, d)
			}
		}
	}
}
