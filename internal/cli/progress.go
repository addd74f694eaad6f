package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports simulated time across concurrent trials on a progress
// bar (github.com/schollz/progressbar), on stderr when it is a terminal and
// the run is not quiet; it shows elapsed time and simulated time.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	done  []float64 // simulated ms per trial
	total float64
}

// newProgress returns a progress report over trials runs of tstopMs, or nil
// when w is not a terminal or quiet is set.
func newProgress(w io.Writer, quiet bool, trials int, tstopMs float64) *progress {
	if quiet || !isTerminal(w) {
		return nil
	}
	total := float64(trials) * tstopMs
	bar := progressbar.NewOptions64(int64(total*1000),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	return &progress{bar: bar, done: make([]float64, trials), total: total}
}

// update records that trial has simulated doneMs.
func (p *progress) update(trial int, doneMs float64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[trial] = doneMs
	sum := 0.0
	for _, d := range p.done {
		sum += d
	}
	p.bar.Describe(fmt.Sprintf("%.0f of %.0f ms simulated", sum, p.total))
	p.bar.Set64(int64(sum * 1000))
}

func (p *progress) finish() {
	if p != nil {
		p.bar.Finish()
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// countBar reports finished items (the runs of a batch, the frames of a
// movie) on a progress bar with an ETA (nil when w is not a terminal or
// quiet is set).
type countBar struct {
	bar *progressbar.ProgressBar
}

func newCountBar(w io.Writer, quiet bool, total int, what string) *countBar {
	if quiet || !isTerminal(w) {
		return nil
	}
	return &countBar{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)}
}

func (b *countBar) set(done int) {
	if b != nil {
		b.bar.Set(done)
	}
}

func (b *countBar) finish() {
	if b != nil {
		b.bar.Finish()
	}
}

// describe sets the bar's description (e.g. the best loss so far).
func (b *countBar) describe(s string) {
	if b != nil {
		b.bar.Describe(s)
	}
}
