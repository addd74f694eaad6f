package gui_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/laminasim/lamina/gui"
)

// The server is an http.Handler: lamina gui serves it on 127.0.0.1:8080;
// here a test server on a free loopback port serves it, and the API gives
// the ERP example's run spec, which the page's forms edit.
func ExampleNew() {
	ts := httptest.NewUnstartedServer(nil)
	srv, err := gui.New(gui.Options{Addr: ts.Listener.Addr().String()})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ts.Config.Handler = srv
	ts.Start()
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/api/examples/erp")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var spec struct {
		TStopMs float64 `json:"tstop_ms"`
		DtMs    float64 `json:"dt_ms"`
		Network struct {
			Drives []struct{ Name string } `json:"drives"`
		} `json:"network"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&spec); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(spec.TStopMs, spec.DtMs, len(spec.Network.Drives), "drives")
	// Output: 170 0.025 3 drives
}
