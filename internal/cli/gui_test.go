package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestGUICommandFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"gui", "--addr", "nonsense"}, `--addr "nonsense": want host:port`},
		{[]string{"gui", "--threads", "0"}, "--threads = 0, must be >= 1"},
		{[]string{"gui", "--max-memory", "lots"}, "--max-memory"},
		{[]string{"gui", "extra"}, "unknown command"},
	} {
		_, err := run(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("lamina %s: error %v, want %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}

// TestGUICommand: lamina gui says its URL, serves the page there, warns
// when listening beyond loopback, and stops with its context (Ctrl-C).
func TestGUICommand(t *testing.T) {
	for _, c := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {"0.0.0.0:0", true}} {
		t.Run(c.addr, func(t *testing.T) {
			var out, errb syncBuffer
			root := NewRoot(&out, &errb)
			root.SetArgs([]string{"gui", "--addr", c.addr})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- root.ExecuteContext(ctx) }()
			re := regexp.MustCompile(`Lamina GUI at (http://\S+/)`)
			var url string
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && url == ""; time.Sleep(10 * time.Millisecond) {
				if m := re.FindStringSubmatch(out.String()); m != nil {
					url = m[1]
				}
			}
			if url == "" {
				cancel()
				t.Fatalf("no URL said: %q %q", out.String(), errb.String())
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(page, []byte("<title>Lamina</title>")) {
				t.Errorf("GET %s: %d %.100s", url, resp.StatusCode, page)
			}
			if got := strings.Contains(errb.String(), "warning: --addr"); got != c.warn {
				t.Errorf("warning %v, want %v: %q", got, c.warn, errb.String())
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("after Ctrl-C: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("lamina gui did not stop with its context")
			}
		})
	}
}
