package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/gui"
)

type guiFlags struct {
	addr      string
	open      bool
	threads   int
	maxMemory string
}

func newGUICmd() *cobra.Command {
	var f guiFlags
	cmd := &cobra.Command{
		Use:   "gui",
		Short: "Serve the graphical interface in the browser (HNN's GUI workflow)",
		Long: `Serve Lamina's graphical interface: a page in the browser with HNN-core's GUI
workflow (simulation settings, network, external drives, optimization, visualization,
log), served by this binary with no network access needed. Runs are the same library
calls as lamina simulate, so their outputs are byte-identical to the command line's.

The server listens on the loopback interface (127.0.0.1) unless --addr says otherwise,
answers only requests addressed to it (Host and Origin checked), and runs one simulation
at a time with a short queue. Stop it with Ctrl-C.`,
		Example: "  lamina gui\n  lamina gui --addr 127.0.0.1:9000 --open",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGUI(cmd, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", gui.DefaultAddr, "address to listen on, host:port (another host than 127.0.0.1/localhost exposes the GUI to the network)")
	fl.BoolVar(&f.open, "open", false, "open the page in the default browser (xdg-open, open or start)")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "the most threads a run may use")
	fl.StringVar(&f.maxMemory, "max-memory", "", maxMemoryUsage+"; per run")
	return cmd
}

func runGUI(cmd *cobra.Command, f *guiFlags) error {
	if f.threads < 1 {
		return fmt.Errorf("--threads = %d, must be >= 1", f.threads)
	}
	mem, err := maxMemory(f.maxMemory, 1)
	if err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(f.addr); err != nil {
		return fmt.Errorf("--addr %q: want host:port, e.g. %s", f.addr, gui.DefaultAddr)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	addr := ln.Addr().String()
	srv, err := gui.New(gui.Options{Addr: addr, Threads: f.threads, MaxMemoryBytes: mem})
	if err != nil {
		ln.Close()
		return err
	}
	defer srv.Close()
	if !gui.IsLoopback(f.addr) {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: --addr %s listens beyond this machine: anyone who reaches it can run simulations\n", f.addr)
	}
	url := "http://" + addr + "/"
	if host, port, _ := net.SplitHostPort(addr); net.ParseIP(host).IsUnspecified() {
		url = "http://127.0.0.1:" + port + "/" // every interface: this machine's is one
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Lamina GUI at %s (Ctrl-C stops it)\n", url)
	if f.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "warning: could not open a browser (%v): open %s yourself\n", err, url)
		}
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}
	return nil
}

// openBrowser opens url in the desktop's browser.
func openBrowser(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	return c.Start()
}
