//go:build unix

package gui_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/laminasim/lamina/gui"
)

// s1 is the recorded dipole the comparison scenario uploads.
const s1 = "../../shared/reference/hnn-core-data/S1_SupraT.txt"

// findChromium returns the headless browser to drive, or skips the test
// when there is none and LAMINA_REQUIRE_BROWSER is unset (CI sets it and
// installs Debian's chromium).
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("LAMINA_REQUIRE_BROWSER") != "" {
		t.Fatal("LAMINA_REQUIRE_BROWSER is set but no chromium is installed (apt-get install chromium)")
	}
	t.Skip("no chromium on this machine: the browser tests need it (apt-get install chromium; CI sets LAMINA_REQUIRE_BROWSER)")
	return ""
}

// browser starts a headless chromium and returns a tab's context.
func browser(t *testing.T, path string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900), chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// the first run starts the browser, for the life of its context: no
	// timeout on it
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// do runs browser actions with a deadline, failing the test on error.
func do(t *testing.T, ctx context.Context, timeout time.Duration, actions ...action) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		log, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("log").textContent`))
		t.Fatalf("browser: %v\npage log:\n%s", err, log)
	}
}

// action is a browser step.
type action = chromedp.Action[chromedp.Void]

// wait polls a JavaScript condition.
func wait(expr string, timeout time.Duration) action {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(timeout))
}

// eval evaluates a JavaScript expression into out (JSON-decoded).
func eval(expr string, out any) action {
	if out == nil {
		return chromedp.Evaluate[chromedp.Void](expr)
	}
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		raw, err := chromedp.Evaluate[[]byte](expr)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, json.Unmarshal(raw, out)
	}
}

// setInput types value into the input matched by the CSS selector and
// fires its change event, as a user leaving the field does.
func setInput(sel, value string) action {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const i = document.querySelector(%q); i.value = %q; i.dispatchEvent(new Event("change")); return true; })()`, sel, value))
}

func field(name string) string {
	return fmt.Sprintf(`.field[data-field=%q] input`, name)
}

// series is a plotted dipole.
type series struct {
	X []float64 `json:"x"`
	Y []float64 `json:"y"`
}

func plotted(t *testing.T, ctx context.Context, run, layer string) series {
	var s series
	do(t, ctx, 30*time.Second, eval(fmt.Sprintf(`Object.values(lamina.state.viz.plotted).find(p => p.run === %q && p.layer === %q)`, run, layer), &s))
	if len(s.X) == 0 {
		t.Fatalf("no plotted %s of %s", layer, run)
	}
	return s
}

// readDipoleCSV reads trial 0 of a dipole.csv: times and the named column.
func readDipoleCSV(t *testing.T, path, column string) series {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range head {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no column %s in %v", path, column, head)
	}
	var s series
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec[0] != "0" {
			continue
		}
		x, _ := strconv.ParseFloat(rec[1], 64)
		y, _ := strconv.ParseFloat(rec[col], 64)
		s.X, s.Y = append(s.X, x), append(s.Y, y)
	}
	return s
}

// runAndWait clicks Run and waits for the run to finish with status.
func runAndWait(t *testing.T, ctx context.Context, status string) string {
	var n int
	do(t, ctx, 30*time.Second, eval(`lamina.state.runs.length`, &n))
	do(t, ctx, 270*time.Second, chromedp.Click(chromedp.CSS("#run-btn")),
		wait(fmt.Sprintf(`lamina.state.runs.length === %d && ["done","failed","cancelled"].includes(lamina.state.runs[%d].status)`, n+1, n), 270*time.Second))
	var st, id string
	do(t, ctx, 30*time.Second, eval(fmt.Sprintf(`lamina.state.runs[%d].status`, n), &st), eval(fmt.Sprintf(`lamina.state.runs[%d].id`, n), &id))
	if st != status {
		t.Fatalf("run %s: %s, want %s", id, st, status)
	}
	if status == "done" { // its dipole drawn
		do(t, ctx, 30*time.Second, wait(fmt.Sprintf(`Object.values(lamina.state.viz.plotted).some(p => p.run === %q)`, id), 30*time.Second))
	}
	return id
}

// TestBrowser drives the GUI in headless chromium through HNN-GUI's
// workflow: pick erp, run it, compare the plotted dipole with the CLI's
// dipole.csv; edit a drive weight and see the dipole change; upload a
// recorded dipole and compare the RMSE shown with lamina simulate
// --compare's; give bad input; start a long run and cancel it; fit for 3
// iterations and adopt the best parameters. With
// LAMINA_GUI_SCREENSHOTS=DIR it also saves a screenshot of every tab.
func TestBrowser(t *testing.T) {
	chrome := findChromium(t)
	_, ts := startServer(t, gui.Options{})
	ctx := browser(t, chrome)
	start := time.Now()
	do(t, ctx, 90*time.Second, chromedp.Navigate(ts.URL), wait(`window.lamina && lamina.ready === true`, 60*time.Second))

	t.Run("erp dipole equals the CLI's dipole.csv", func(t *testing.T) {
		var loads int
		do(t, ctx, 30*time.Second, eval(`lamina.state.loads`, &loads))
		do(t, ctx, 60*time.Second,
			setInput("#example", "erp"), wait(fmt.Sprintf(`lamina.state.loads > %d && lamina.state.spec.network.name === "erp"`, loads), 30*time.Second),
			setInput(field("tstop_ms"), "40"), wait(`lamina.state.spec.tstop_ms === 40`, 30*time.Second),
			setInput(field("trials"), "1"), wait(`lamina.state.spec.trials === 1 && lamina.state.pending === 0`, 30*time.Second))
		id := runAndWait(t, ctx, "done")
		got := plotted(t, ctx, id, "agg")
		dir := filepath.Join(t.TempDir(), "cli")
		runCLI(t, "simulate", "--example", "erp", "--tstop-ms", "40", "--trials", "1", "--quiet", "--out", dir)
		want := readDipoleCSV(t, filepath.Join(dir, "dipole.csv"), "agg_nAm")
		if len(got.Y) != len(want.Y) {
			t.Fatalf("plotted %d samples, dipole.csv %d", len(got.Y), len(want.Y))
		}
		for i := range want.Y { // the same library call: equal to the bit
			if got.X[i] != want.X[i] || got.Y[i] != want.Y[i] {
				t.Fatalf("sample %d: plotted (%v, %v), dipole.csv (%v, %v)", i, got.X[i], got.Y[i], want.X[i], want.Y[i])
			}
		}
	})

	t.Run("a drive weight changes the dipole", func(t *testing.T) {
		var i int
		var w float64
		do(t, ctx, 30*time.Second, eval(`window.lamina.showTab("drives"), lamina.state.spec.network.drives.findIndex(d => d.name === "evprox1")`, &i),
			eval(`lamina.state.spec.network.drives.find(d => d.name === "evprox1").weights_ampa_uS.L5_pyramidal`, &w))
		path := fmt.Sprintf("network.drives.%d.weights_ampa_uS.L5_pyramidal", i)
		do(t, ctx, 30*time.Second, setInput(field(path), strconv.FormatFloat(4*w, 'g', -1, 64)),
			wait(fmt.Sprintf(`lamina.state.spec.network.drives[%d].weights_ampa_uS.L5_pyramidal === %v`, i, 4*w), 30*time.Second))
		var r1 string
		do(t, ctx, 30*time.Second, eval(`lamina.state.runs[0].id`, &r1))
		before := plotted(t, ctx, r1, "L5")
		id := runAndWait(t, ctx, "done")
		after := plotted(t, ctx, id, "L5")
		diff := 0.0
		for k := range before.Y {
			diff = math.Max(diff, math.Abs(after.Y[k]-before.Y[k]))
		}
		// evprox1 arrives at 26.6 ms: four times its L5 AMPA weight moves
		// the L5 dipole by nAm, far above rounding
		if diff < 1e-3 {
			t.Errorf("L5 dipole moved by at most %g nAm after the weight went from %g to %g µS", diff, w, 4*w)
		}
		t.Logf("the L5 dipole moved by up to %.3g nAm", diff)
	})

	t.Run("RMSE against S1_SupraT.txt equals lamina simulate --compare", func(t *testing.T) {
		abs, err := filepath.Abs(s1)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Skipf("reference data missing: %v", err)
		}
		var id string
		do(t, ctx, 30*time.Second, eval(`lamina.showTab("visualization"), lamina.state.runs[lamina.state.runs.length-1].id`, &id))
		do(t, ctx, 60*time.Second, chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{abs}),
			wait(fmt.Sprintf(`Object.keys(lamina.state.viz.metrics).some(k => k.startsWith(%q))`, id+"|"), 60*time.Second))
		var m struct {
			RMSE float64 `json:"rmse_nAm"`
			R    float64 `json:"correlation"`
		}
		var shown string
		do(t, ctx, 30*time.Second, eval(fmt.Sprintf(`Object.entries(lamina.state.viz.metrics).find(([k]) => k.startsWith(%q))[1]`, id+"|"), &m),
			eval(`document.getElementById("metrics").textContent`, &shown))
		// the CLI on the run's exported spec
		specFile := filepath.Join(t.TempDir(), "run.json")
		_, body := request(t, "GET", ts.URL+"/api/runs/"+id+"/spec.json", "", nil, nil)
		os.WriteFile(specFile, []byte(body), 0o644)
		dir := filepath.Join(t.TempDir(), "cli")
		out := runCLI(t, "simulate", specFile, "--compare", abs, "--quiet", "--out", dir)
		printed := regexp.MustCompile(`RMSE (\S+) nAm, correlation (\S+)`).FindStringSubmatch(out)
		if printed == nil {
			t.Fatalf("no RMSE in the CLI's report:\n%s", out)
		}
		if !strings.Contains(shown, "RMSE "+printed[1]+" nAm") || !strings.Contains(shown, "correlation "+printed[2]) {
			t.Errorf("the page shows %q; the CLI printed RMSE %s nAm, correlation %s", shown, printed[1], printed[2])
		}
		var summary struct {
			Compare struct {
				RMSE float64 `json:"rmse_nAm"`
				R    float64 `json:"correlation"`
			} `json:"compare"`
		}
		b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err := json.Unmarshal(b, &summary); err != nil {
			t.Fatal(err)
		}
		if m.RMSE != summary.Compare.RMSE || m.R != summary.Compare.R { // the same computation
			t.Errorf("page RMSE %v r %v, CLI summary.json %v %v", m.RMSE, m.R, summary.Compare.RMSE, summary.Compare.R)
		}
		t.Logf("shown: %s", shown)
	})

	t.Run("bad input shows a message next to the field and changes nothing", func(t *testing.T) {
		var before string
		do(t, ctx, 30*time.Second, eval(`lamina.showTab("simulation"), JSON.stringify(lamina.state.spec)`, &before))
		bad := filepath.Join(t.TempDir(), "bad.txt")
		os.WriteFile(bad, []byte("0.0 1.0\n0.025 not-a-number\n"), 0o644)
		var nData int
		do(t, ctx, 30*time.Second, eval(`lamina.state.datasets.length`, &nData))
		for _, c := range []struct {
			name, field string
			act         action
			want        string
		}{
			{"a non-number", "tstop_ms", setInput(field("tstop_ms"), "forty"), "not a number"},
			{"a negative dt", "dt_ms", setInput(field("dt_ms"), "-0.025"), "dt_ms = -0.025"},
			{"a fractional trial count", "trials", setInput(field("trials"), "1.5"), "not a whole number"},
			{"a malformed upload", "data_file", chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{bad}), "bad.txt"},
		} {
			sel := fmt.Sprintf(`.field[data-field=%q] .err`, c.field)
			var msg string
			do(t, ctx, 30*time.Second, c.act, wait(fmt.Sprintf(`document.querySelector(%q).textContent !== ""`, sel), 30*time.Second),
				eval(fmt.Sprintf(`document.querySelector(%q).textContent`, sel), &msg))
			if !strings.Contains(msg, c.want) {
				t.Errorf("%s: message %q, want it to contain %q", c.name, msg, c.want)
			}
			var after string
			var n int
			do(t, ctx, 30*time.Second, wait(`lamina.state.pending === 0`, 30*time.Second), eval(`JSON.stringify(lamina.state.spec)`, &after), eval(`lamina.state.datasets.length`, &n))
			if after != before || n != nData {
				t.Errorf("%s changed the spec or the data sets", c.name)
			}
			t.Logf("%s: %s", c.name, msg)
		}
		// a good value clears the message
		do(t, ctx, 30*time.Second, setInput(field("dt_ms"), "0.025"),
			wait(`document.querySelector('.field[data-field="dt_ms"] .err').textContent === ""`, 30*time.Second))
	})

	t.Run("a long run is cancelled within a second", func(t *testing.T) {
		do(t, ctx, 30*time.Second, setInput(field("tstop_ms"), "2000"), wait(`lamina.state.spec.tstop_ms === 2000 && lamina.state.pending === 0`, 30*time.Second))
		var n int
		do(t, ctx, 30*time.Second, eval(`lamina.state.runs.length`, &n))
		do(t, ctx, 90*time.Second, chromedp.Click(chromedp.CSS("#run-btn")),
			wait(fmt.Sprintf(`lamina.state.runs.length === %d && lamina.state.runs[%d].status === "running" && document.getElementById("progress").value > 0`, n+1, n), 90*time.Second))
		t0 := time.Now()
		do(t, ctx, 30*time.Second, chromedp.Click(chromedp.CSS("#cancel-btn")),
			wait(fmt.Sprintf(`lamina.state.runs[%d].status === "cancelled"`, n), 30*time.Second))
		// in the page, from the Cancel button's handler to the run's
		// cancelled status arriving over its event stream
		var ms float64
		do(t, ctx, 30*time.Second, eval(fmt.Sprintf(`lamina.state.runs[%d].cancelledAfterMs`, n), &ms))
		if ms > 1000 {
			t.Errorf("cancelled %.0f ms after the click, want within a second", ms)
		}
		t.Logf("cancelled %.0f ms after the click in the page (%v with the test's clicking and polling)", ms, time.Since(t0).Round(time.Millisecond))
	})

	t.Run("a 3-iteration fit, and its best parameters adopted", func(t *testing.T) {
		// the first proximal drive's mean time, moved within the 20 ms
		// simulated: the loss changes with it
		const path = "drives.evprox1.evoked.mu_ms"
		do(t, ctx, 30*time.Second, setInput(field("tstop_ms"), "20"), wait(`lamina.state.spec.tstop_ms === 20 && lamina.state.pending === 0`, 30*time.Second),
			eval(`lamina.showTab("optimization")`, nil),
			chromedp.Click(chromedp.CSS("#fit-add-param")),
			setInput("#fit-params select", path),
			setInput("#fit-params tr:nth-child(2) td:nth-child(2) input", "5"), setInput("#fit-params tr:nth-child(2) td:nth-child(3) input", "15"),
			setInput("#fit-params tr:nth-child(2) td:nth-child(4) input", "10"),
			setInput("#fit-iter", "3"), setInput("#fit-popsize", "2"), setInput("#fit-smooth", "0"), setInput("#fit-scale", "3000"))
		var data string
		do(t, ctx, 30*time.Second, eval(`document.getElementById("fit-data").value`, &data))
		if data == "" {
			t.Fatal("no data set to fit to (the RMSE scenario uploads one)")
		}
		do(t, ctx, 360*time.Second, chromedp.Click(chromedp.CSS("#fit-run")),
			wait(`lamina.state.fit && ["done","failed","cancelled"].includes(lamina.state.fit.status)`, 360*time.Second))
		var fit struct {
			Status  string `json:"status"`
			History []struct {
				Loss *float64  `json:"loss"`
				X    []float64 `json:"x"`
			} `json:"history"`
			BestX []float64 `json:"bestX"`
		}
		do(t, ctx, 30*time.Second, eval(`lamina.state.fit`, &fit))
		// CMA-ES with a population of 2 for 3 generations: 6 evaluations
		if fit.Status != "done" || len(fit.History) != 6 || len(fit.BestX) != 1 {
			var e string
			chromedp.Do(ctx, eval(`document.getElementById("fit-status").textContent`, &e))
			t.Fatalf("fit %s with %d evaluations, best %v: %s", fit.Status, len(fit.History), fit.BestX, e)
		}
		lo, hi, best := math.Inf(1), math.Inf(-1), math.Inf(1)
		for _, h := range fit.History {
			if h.Loss == nil || h.X[0] < 5 || h.X[0] > 15 {
				t.Fatalf("evaluation at %v: loss %v; want finite losses within the bounds [5, 15]", h.X, h.Loss)
			}
			lo, hi = math.Min(lo, *h.Loss), math.Max(hi, *h.Loss)
			if *h.Loss < best {
				best = *h.Loss
			}
		}
		if !(hi > lo) {
			t.Errorf("every evaluation has the loss %g: the parameter did not reach the model", lo)
		}
		var adopted float64
		do(t, ctx, 30*time.Second, chromedp.Click(chromedp.CSS("#fit-adopt")),
			wait(fmt.Sprintf(`lamina.state.spec.network.drives.find(d => d.name === "evprox1").evoked.mu_ms === %v`, fit.BestX[0]), 30*time.Second),
			eval(`lamina.state.spec.network.drives.find(d => d.name === "evprox1").evoked.mu_ms`, &adopted))
		t.Logf("fit: %d evaluations, losses %.4g to %.4g nAm, best %s = %g adopted", len(fit.History), lo, hi, path, adopted)
	})

	if dir := os.Getenv("LAMINA_GUI_SCREENSHOTS"); dir != "" {
		screenshots(t, ctx, dir)
	}
	t.Logf("browser scenarios took %v", time.Since(start).Round(time.Millisecond))
}

// screenshots runs the full ERP and saves a full-page PNG of every tab
// into dir (docs/gui-<tab>.png).
func screenshots(t *testing.T, ctx context.Context, dir string) {
	// the bad-input scenario's last message (a malformed upload) stays
	// until the next upload: dismiss it
	do(t, ctx, 30*time.Second, eval(`document.querySelectorAll(".field.bad").forEach(f => { f.classList.remove("bad"); f.querySelector(".err").textContent = ""; })`, nil))
	do(t, ctx, 60*time.Second, eval(`lamina.showTab("simulation")`, nil), setInput(field("tstop_ms"), "170"),
		wait(`lamina.state.spec.tstop_ms === 170 && lamina.state.pending === 0`, 30*time.Second), setInput(field("threads"), "2"))
	runAndWait(t, ctx, "done")
	do(t, ctx, 180*time.Second, eval(`lamina.showTab("visualization")`, nil),
		setInput(field("viz_smooth_ms"), "30"), setInput(field("viz_scale"), "3000"),
		wait(`lamina.state.viz.smoothMs === 30 && lamina.state.viz.scale === 3000`, 30*time.Second),
		setInput("#figure-kind", "psd"), chromedp.Click(chromedp.CSS("#add-panel")),
		setInput("#figure-kind", "tfr"), chromedp.Click(chromedp.CSS("#add-panel")),
		wait(`[...document.querySelectorAll("#panels img")].every(i => i.complete && i.naturalWidth > 0) && document.querySelectorAll("#panels img").length >= 4`, 180*time.Second))
	for _, tab := range []string{"simulation", "network", "drives", "optimization", "visualization"} {
		do(t, ctx, 60*time.Second, eval(fmt.Sprintf(`lamina.showTab(%q)`, tab), nil), chromedp.Sleep(300*time.Millisecond))
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "gui-"+tab+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
