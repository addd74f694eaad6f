package gui_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/laminasim/lamina/gui"
)

// startServer serves a GUI server on a loopback port, as lamina gui does.
func startServer(t testing.TB, opt gui.Options) (*gui.Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	opt.Addr = ts.Listener.Addr().String()
	srv, err := gui.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return srv, ts
}

// request sends a request with the given Host and headers and returns
// the status and body.
func request(t testing.TB, method, url, host string, hdr map[string]string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// multipartFile is a multipart body with one file field.
func multipartFile(t testing.TB, name string, data []byte) (string, *bytes.Buffer) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), &b
}

func TestSecurity(t *testing.T) {
	_, ts := startServer(t, gui.Options{MaxUploadBytes: 1 << 20, MaxBodyBytes: 1 << 20})
	host := strings.TrimPrefix(ts.URL, "http://")
	port := host[strings.LastIndex(host, ":")+1:]
	ok := http.StatusOK
	huge := bytes.Repeat([]byte("0.0 1.0\n"), (2<<20)/8) // 2 MB, over the 1 MB limit
	ct, bigUpload := multipartFile(t, "big.txt", huge)
	for _, c := range []struct {
		name, method, path, host string
		hdr                      map[string]string
		body                     io.Reader
		want                     int
	}{
		{"page", "GET", "/", "", nil, nil, ok},
		{"localhost by name", "GET", "/api/examples", "localhost:" + port, nil, nil, ok},
		{"same origin POST", "POST", "/api/validate", "", map[string]string{"Origin": ts.URL, "Content-Type": "application/json"}, strings.NewReader("{}"), http.StatusUnprocessableEntity},
		// DNS rebinding: a name that resolves to 127.0.0.1 but is not ours
		{"foreign host", "GET", "/api/examples", "evil.example:" + port, nil, nil, http.StatusForbidden},
		{"foreign host, page", "GET", "/", "evil.example:" + port, nil, nil, http.StatusForbidden},
		{"other port", "GET", "/api/examples", "127.0.0.1:1", nil, nil, http.StatusForbidden},
		{"foreign origin", "POST", "/api/runs", "", map[string]string{"Origin": "http://evil.example", "Content-Type": "application/json"}, strings.NewReader("{}"), http.StatusForbidden},
		{"foreign origin GET", "GET", "/api/examples", "", map[string]string{"Origin": "https://evil.example"}, nil, http.StatusForbidden},
		{"null origin", "POST", "/api/validate", "", map[string]string{"Origin": "null", "Content-Type": "application/json"}, strings.NewReader("{}"), http.StatusForbidden},
		{"cross-site fetch", "GET", "/api/examples", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, nil, http.StatusForbidden},
		{"oversized upload", "POST", "/api/data", "", map[string]string{"Content-Type": ct}, bigUpload, http.StatusRequestEntityTooLarge},
		{"oversized body", "POST", "/api/validate", "", map[string]string{"Content-Type": "application/json"}, bytes.NewReader(append([]byte(`{"name":"`), append(bytes.Repeat([]byte("x"), 2<<20), []byte(`"}`)...)...)), http.StatusRequestEntityTooLarge},
		{"form post refused as JSON", "POST", "/api/runs", "", map[string]string{"Content-Type": "text/plain"}, strings.NewReader("{}"), http.StatusBadRequest},
		{"traversal", "GET", "/../../../etc/passwd", "", nil, nil, http.StatusNotFound},
		{"encoded traversal", "GET", "/%2e%2e/%2e%2e/etc/passwd", "", nil, nil, http.StatusNotFound},
		{"source file", "GET", "/server.go", "", nil, nil, http.StatusNotFound},
		{"asset dir escape", "GET", "/js/../../gui.go", "", nil, nil, http.StatusNotFound},
		{"figure name traversal", "GET", "/api/runs/r1/figure/..%2f..%2fetc%2fpasswd", "", nil, nil, http.StatusNotFound},
		{"POST to assets", "POST", "/index.html", "", nil, nil, http.StatusMethodNotAllowed},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, body := request(t, c.method, ts.URL+c.path, c.host, c.hdr, c.body)
			if code != c.want {
				t.Errorf("%s %s (Host %q): status %d, want %d: %.200s", c.method, c.path, c.host, code, c.want, body)
			}
			if strings.Contains(body, "root:") {
				t.Errorf("%s: served a system file", c.path)
			}
		})
	}
}

func TestHostCheckWildcard(t *testing.T) {
	// bound to every interface: IP literals are ours, names are not
	srv, err := gui.New(gui.Options{Addr: "0.0.0.0:8080"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, c := range []struct {
		host string
		want int
	}{{"192.168.1.5:8080", 200}, {"[fe80::1]:8080", 200}, {"localhost:8080", 200}, {"attacker.example:8080", 403}, {"192.168.1.5:9090", 403}} {
		req := httptest.NewRequest("GET", "/api/examples", nil)
		req.Host = c.host
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != c.want {
			t.Errorf("Host %s: status %d, want %d", c.host, w.Code, c.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.168.0.1:80": false} {
		if got := gui.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// spec returns an example's spec from the server with changes.
func exampleSpec(t testing.TB, url, name string, change func(map[string]any)) map[string]any {
	t.Helper()
	code, body := request(t, "GET", url+"/api/examples/"+name, "", nil, nil)
	if code != 200 {
		t.Fatalf("example %s: %d %s", name, code, body)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(s)
	}
	return s
}

func postJSON(t testing.TB, url string, v any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(v)
	code, body := request(t, "POST", url, "", map[string]string{"Content-Type": "application/json"}, bytes.NewReader(b))
	var out map[string]any
	json.Unmarshal([]byte(body), &out)
	return code, out
}

// waitRun follows a run's events until it is over and returns its last
// state.
func waitRun(t testing.TB, url, id string) map[string]any {
	t.Helper()
	resp, err := http.Get(url + "/api/runs/" + id + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var last map[string]any
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			last = nil
			json.Unmarshal([]byte(d), &last)
		}
	}
	if last == nil {
		t.Fatalf("run %s: no events", id)
	}
	return last
}

func TestBadInput(t *testing.T) {
	_, ts := startServer(t, gui.Options{})
	for _, c := range []struct {
		name   string
		change func(map[string]any)
		field  string
	}{
		{"negative dt", func(s map[string]any) { s["dt_ms"] = -0.025 }, "dt_ms"},
		{"zero tstop", func(s map[string]any) { s["tstop_ms"] = 0 }, "tstop_ms"},
		{"zero trials", func(s map[string]any) { s["trials"] = -1 }, "trials"},
		{"a string for a number", func(s map[string]any) { s["tstop_ms"] = "abc" }, ""},
		{"bad rate mode", func(s map[string]any) { s["rates"] = "quick" }, "rates"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := exampleSpec(t, ts.URL, "erp", c.change)
			code, out := postJSON(t, ts.URL+"/api/validate", s)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422: %v", code, out)
			}
			if out["error"] == "" {
				t.Fatal("no message")
			}
			if c.field != "" {
				fields, _ := out["fields"].([]any)
				if len(fields) == 0 || fields[0].(map[string]any)["field"] != c.field {
					t.Errorf("fields %v: want %s first", fields, c.field)
				}
			}
			// a run of it is refused too, and nothing is queued
			code, out = postJSON(t, ts.URL+"/api/runs", map[string]any{"spec": s, "threads": 1})
			if code != http.StatusUnprocessableEntity {
				t.Errorf("run: status %d, want 422: %v", code, out)
			}
		})
	}
	_, body := request(t, "GET", ts.URL+"/api/runs", "", nil, nil)
	if strings.TrimSpace(body) != "[]" {
		t.Errorf("runs after refused ones: %s, want none", body)
	}
	// malformed uploads
	for _, c := range []struct{ path, name, data, field string }{
		{"/api/data", "bad.txt", "time agg\n1 2 x\n", "data_file"},
		{"/api/data", "one.txt", "0.0 1.0\n", "data_file"},
		{"/api/data", "dipole.png", "\x89PNG", "data_file"},
		{"/api/load", "model.json", `{"network": {"populations": 3}}`, "model_file"},
		{"/api/load", "x.param", "garbage", "model_file"},
	} {
		ct, b := multipartFile(t, c.name, []byte(c.data))
		code, body := request(t, "POST", ts.URL+c.path, "", map[string]string{"Content-Type": ct}, b)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"`+c.field+`"`) {
			t.Errorf("%s %s: %d %s, want 422 naming %s", c.path, c.name, code, body, c.field)
		}
	}
	// threads beyond the server's limit
	s := exampleSpec(t, ts.URL, "erp", nil)
	if code, out := postJSON(t, ts.URL+"/api/runs", map[string]any{"spec": s, "threads": 1000}); code != 422 || !strings.Contains(fmt.Sprint(out), "threads") {
		t.Errorf("1000 threads: %d %v", code, out)
	}
}

func TestQueueBound(t *testing.T) {
	srv, ts := startServer(t, gui.Options{MaxQueued: 2})
	_ = srv
	s := exampleSpec(t, ts.URL, "erp", func(s map[string]any) { s["tstop_ms"] = 1000.0 })
	var ids []string
	for i := range 4 {
		code, out := postJSON(t, ts.URL+"/api/runs", map[string]any{"spec": s, "threads": 1})
		if i < 3 && code != http.StatusAccepted { // one running, two queued
			t.Fatalf("run %d: %d %v", i, code, out)
		}
		if i == 3 {
			if code != http.StatusTooManyRequests {
				t.Errorf("fourth run with one running and two queued: status %d, want 429", code)
			}
			break
		}
		ids = append(ids, out["id"].(string))
		if i == 0 { // let the first one start
			time.Sleep(200 * time.Millisecond)
		}
	}
	for _, id := range ids {
		postJSON(t, ts.URL+"/api/runs/"+id+"/cancel", nil)
	}
	for _, id := range ids {
		if st := waitRun(t, ts.URL, id); st["status"] != "cancelled" {
			t.Errorf("%s: %v, want cancelled", id, st["status"])
		}
	}
}

// TestLoadModel: the files HNN-core users have load as run specs: its
// parameter files (.param, flat .json) and network configurations.
func TestLoadModel(t *testing.T) {
	_, ts := startServer(t, gui.Options{})
	dir := "../../shared/reference/hnn-core-data/"
	for _, c := range []struct{ file, format string }{
		{"hnn_core_test_data_default.param", "hnn-param"},
		{"default.json", "hnn-param"},
		{"neymotin2020_3x3_drives.json", "hnn-network"},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(dir + c.file)
			if err != nil {
				t.Skipf("reference data missing: %v", err)
			}
			ct, b := multipartFile(t, c.file, data)
			code, body := request(t, "POST", ts.URL+"/api/load", "", map[string]string{"Content-Type": ct}, b)
			if code != http.StatusOK {
				t.Fatalf("status %d: %.300s", code, body)
			}
			var out struct {
				Format string         `json:"format"`
				Spec   map[string]any `json:"spec"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			net, _ := out.Spec["network"].(map[string]any)
			if net == nil || len(net["populations"].([]any)) == 0 {
				t.Fatalf("format %s: no network in the spec", out.Format)
			}
			// the spec loaded is valid as it stands, given a run length
			// when the file has none (network files; the page keeps its
			// tstop then)
			if out.Spec["tstop_ms"] == 0.0 {
				out.Spec["tstop_ms"] = 170.0
			}
			if code, v := postJSON(t, ts.URL+"/api/validate", out.Spec); code != http.StatusOK {
				t.Errorf("the loaded spec does not validate: %v", v)
			}
			t.Logf("%s: format %s, %d drive(s)", c.file, out.Format, len(asSlice(net["drives"])))
		})
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// TestNoPathsFromBrowser: nothing the browser sends makes the server read
// a file by its path: not a spec's output.compare, not a fit's model
// given as {"file": PATH} or an example name, not a fit's target.
func TestNoPathsFromBrowser(t *testing.T) {
	_, ts := startServer(t, gui.Options{})
	s := exampleSpec(t, ts.URL, "erp", func(s map[string]any) {
		s["tstop_ms"] = 5.0
		s["output"] = map[string]any{"compare": "/etc/passwd"}
	})
	for _, c := range []struct {
		path string
		body any
		want string
	}{
		{"/api/validate", s, "output.compare"},
		{"/api/runs", map[string]any{"spec": s, "threads": 1}, "output.compare"},
		{"/api/fits", map[string]any{"spec": s, "threads": 1}, "output.compare"},
		{"/api/fits", map[string]any{"spec": map[string]any{"file": "/etc/passwd"}, "threads": 1}, "spec"},
		{"/api/fits", map[string]any{"spec": "erp", "threads": 1}, "spec"},
		{"/api/fits", map[string]any{"spec": exampleSpec(t, ts.URL, "erp", nil), "threads": 1,
			"params":    []any{map[string]any{"name": "w", "paths": []string{"drives.evprox1.evoked.mu_ms"}, "low": 10, "high": 30}},
			"objective": map[string]any{"kind": "dipole_rmse", "target": "/etc/passwd"}, "solver": map[string]any{"kind": "cma", "max_iter": 1}},
			"target"},
	} {
		code, out := postJSON(t, ts.URL+c.path, c.body)
		if code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(out), c.want) {
			t.Errorf("%s: %d %v, want 422 about %s", c.path, code, out, c.want)
		}
		if strings.Contains(fmt.Sprint(out), "root:") {
			t.Errorf("%s: the answer holds a system file", c.path)
		}
	}
}
