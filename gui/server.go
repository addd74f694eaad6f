package gui

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
)

//go:embed assets
var assets embed.FS

// Defaults of Options.
const (
	// DefaultAddr is where the server listens unless told otherwise:
	// the loopback interface only.
	DefaultAddr = "127.0.0.1:8080"
	// DefaultMaxBodyBytes bounds a request's body (a spec, a fit): 8 MB,
	// over a hundred times the ERP column's spec (64 KB).
	DefaultMaxBodyBytes = 8 << 20
	// DefaultMaxUploadBytes bounds an uploaded file (a model file, a
	// recorded dipole): 32 MB; HNN-core's network JSONs are a few MB.
	DefaultMaxUploadBytes = 32 << 20
	// DefaultMaxQueued is how many runs and fits may wait behind the one
	// running.
	DefaultMaxQueued = 4
	// DefaultKeepRuns is how many finished runs (and uploaded data sets)
	// the server keeps; older ones are dropped with their files.
	DefaultKeepRuns = 24
)

// Options configure a Server. Zero fields take the defaults above.
type Options struct {
	// Addr is the address the server is reached at, host:port: the Host
	// header of every request must name it (or localhost).
	Addr string
	// MaxBodyBytes bounds JSON request bodies, MaxUploadBytes uploads.
	MaxBodyBytes, MaxUploadBytes int64
	// MaxQueued bounds the jobs waiting to run.
	MaxQueued int
	// KeepRuns bounds the finished runs kept in memory.
	KeepRuns int
	// Threads bounds the threads a run may ask for (0: runtime.NumCPU()).
	Threads int
	// MaxMemoryBytes is each run's memory limit (simulate.Env's).
	MaxMemoryBytes int64
}

func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if o.MaxQueued <= 0 {
		o.MaxQueued = DefaultMaxQueued
	}
	if o.KeepRuns <= 0 {
		o.KeepRuns = DefaultKeepRuns
	}
	if o.Threads <= 0 {
		o.Threads = runtime.NumCPU()
	}
	return o
}

// Server is the GUI's HTTP handler and the runs it holds. Close it to
// cancel its runs and remove its files.
type Server struct {
	opt    Options
	dir    string // the server's own scratch directory
	mux    *http.ServeMux
	static http.Handler
	hosts  hostCheck

	jobs chan func() // the queue: one job runs at a time
	stop chan struct{}
	wg   sync.WaitGroup

	mu     sync.Mutex
	closed bool
	nextID int
	runs   []*run // oldest first
	fits   []*fitJob
	data   []*dataset
	queued int
}

// New returns a server with its scratch directory (in os.TempDir) and
// its worker started.
func New(opt Options) (*Server, error) {
	opt = opt.withDefaults()
	hc, err := newHostCheck(opt.Addr)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lamina-gui-")
	if err != nil {
		return nil, fmt.Errorf("gui: %w", err)
	}
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		return nil, fmt.Errorf("gui: %w", err)
	}
	s := &Server{opt: opt, dir: dir, mux: http.NewServeMux(), static: http.FileServerFS(sub), hosts: hc,
		jobs: make(chan func(), opt.MaxQueued+1), stop: make(chan struct{})}
	s.routes()
	s.wg.Add(1)
	go s.worker()
	return s, nil
}

// Close cancels every run and fit, waits for them and removes the
// server's files.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for _, r := range s.runs {
		r.cancel()
	}
	for _, f := range s.fits {
		f.cancel()
	}
	s.mu.Unlock()
	close(s.stop)
	s.wg.Wait()
	return os.RemoveAll(s.dir)
}

// worker runs the queued jobs one after another.
func (s *Server) worker() {
	defer s.wg.Done()
	for {
		select {
		case <-s.stop:
			return
		case job := <-s.jobs:
			s.mu.Lock()
			s.queued--
			s.mu.Unlock()
			job()
		}
	}
}

// errBusy is returned when the queue is full.
var errBusy = errors.New("the queue is full: wait for a run to finish or cancel one")

// enqueue queues job, or refuses it when MaxQueued jobs wait already.
func (s *Server) enqueue(job func()) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("the server is closing")
	}
	if s.queued >= s.opt.MaxQueued {
		return errBusy
	}
	s.queued++
	s.jobs <- job // never blocks: the channel holds MaxQueued+1
	return nil
}

// ServeHTTP checks the request's Host and Origin, then serves the API or
// an embedded asset.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := s.hosts.check(r); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
		s.mux.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.static.ServeHTTP(w, r)
}

// hostCheck is what the Host and Origin of a request may be.
type hostCheck struct {
	port string
	// any: bound to every interface, so any IP literal is the server's.
	any   bool
	hosts map[string]bool
}

func newHostCheck(addr string) (hostCheck, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return hostCheck{}, fmt.Errorf("gui: address %q: want host:port, e.g. %s", addr, DefaultAddr)
	}
	hc := hostCheck{port: port, hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if host == "" || host == "0.0.0.0" || host == "::" {
		hc.any = true
	} else {
		hc.hosts[strings.ToLower(host)] = true
	}
	return hc, nil
}

// allowed reports whether hostport (a Host header or an origin's host)
// names this server.
func (hc hostCheck) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if port != hc.port {
		return false
	}
	if hc.hosts[host] {
		return true
	}
	// bound to every interface: an IP literal is one of ours or
	// unroutable; a DNS name could be rebound to us, and is refused
	return hc.any && net.ParseIP(host) != nil
}

// check refuses a request whose Host is not the server, or whose Origin
// (sent by browsers on cross-origin requests and on every POST) is another
// site.
func (hc hostCheck) check(r *http.Request) error {
	if !hc.allowed(r.Host) {
		return fmt.Errorf("host %q refused: the GUI answers at localhost:%s only (DNS-rebinding protection)", r.Host, hc.port)
	}
	if o := r.Header.Get("Origin"); o != "" {
		rest, ok := strings.CutPrefix(o, "http://")
		if !ok || !hc.allowed(rest) || rest != r.Host {
			return fmt.Errorf("origin %q refused: cross-site requests are not allowed", o)
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return errors.New("cross-site request refused")
	}
	return nil
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
