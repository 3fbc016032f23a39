package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress prints the batch's messages on standard error and, when standard
// error is a terminal and -q is not given, a one-line progress bar (total,
// done, failed, rate) redrawn at most every redrawEvery. Messages are printed
// above the bar. Colour is used only on a terminal and when NO_COLOR is
// unset or empty (https://no-color.org).
type progress struct {
	a      *app
	mu     sync.Mutex
	w      io.Writer
	bar    bool
	color  bool
	width  func() int
	now    func() time.Time
	verb   string // "rendering", "validating" (catalogue entries)
	total  int
	done   int
	failed int
	start  time.Time
	drawAt time.Time
	drawn  bool
}

const redrawEvery = 100 * time.Millisecond

// newProgress returns the progress display for a batch of total inputs.
func (a *app) newProgress(verb string, total int, quiet bool) *progress {
	p := &progress{
		a:     a,
		w:     a.stderr,
		bar:   a.stderrTerminal && !quiet,
		color: a.colorEnabled(),
		now:   time.Now,
		verb:  verb,
		total: total,
	}
	fd := a.stderrFd
	p.width = func() int {
		if w, _, err := term.GetSize(fd); err == nil && w > 0 {
			return w
		}
		return 80
	}
	p.start = p.now()
	return p
}

// colorEnabled reports whether standard error gets colours.
func (a *app) colorEnabled() bool {
	return a.stderrTerminal && a.getenv("NO_COLOR") == "" && a.getenv("TERM") != "dumb"
}

// step records one finished input.
func (p *progress) step(failed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if failed {
		p.failed++
	}
	if !p.bar {
		return
	}
	if now := p.now(); p.done == p.total || now.Sub(p.drawAt) >= redrawEvery {
		p.drawAt = now
		p.draw()
	}
}

// println prints a message line above the bar.
func (p *progress) println(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, line)
	if p.bar && p.done > 0 {
		p.draw()
	}
}

// finish removes the bar for good.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.bar = false
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *progress) draw() {
	elapsed := p.now().Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	failed := p.a.sprintf("%d with errors", p.failed)
	if p.failed > 0 {
		failed = p.paint(red, failed)
	}
	verb := p.a.sprintf(p.verb)
	info := p.a.sprintf(" %d/%d  %s  %.0f/s", p.done, p.total, failed, rate)
	plain := len([]rune(stripANSI(info))) + len([]rune(verb)) + 3
	n := min(40, p.width()-plain-1)
	bar := ""
	if n >= 10 {
		filled := 0
		if p.total > 0 {
			filled = n * p.done / p.total
		}
		bar = " [" + strings.Repeat("#", filled) + strings.Repeat("-", n-filled) + "]"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s%s%s", verb, bar, info)
	p.drawn = true
}

const (
	red   = "31"
	green = "32"
	bold  = "1"
)

// paint wraps s in an SGR colour sequence when colours are on.
func (p *progress) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// counts are a batch's totals for the summary.
type counts struct {
	done, failed, skipped, cancelled, existing int
}

func (c *counts) add(s status) {
	switch s {
	case statusDone:
		c.done++
	case statusFailed:
		c.failed++
	case statusSkipped:
		c.skipped++
	case statusCancelled:
		c.cancelled++
	case statusExisting:
		c.existing++
	}
}

// words name the outcomes in the summary line: catalogue entries with the
// count (see plurals in messages.go).
type words struct {
	done    string // "%d rendered", "%d valid"
	skipped string // "%d skipped (invalid)", "%d invalid"
	failed  bool   // whether the command can fail after validation
}

var (
	renderWords   = words{done: msg("%d rendered"), skipped: msg("%d skipped (invalid)"), failed: true}
	fillWords     = words{done: msg("%d filled"), skipped: msg("%d skipped (unreadable data)"), failed: true}
	validateWords = words{done: msg("%d valid"), skipped: msg("%d invalid")}
)

// summary prints the batch's last line: what was done, what failed, what was
// skipped as invalid, what an interruption left undone, and the time taken.
func (p *progress) summary(w words, c counts, notStarted int) {
	elapsed := p.now().Sub(p.start)
	num := func(n int, key, color string) string {
		s := p.a.sprintf(key, n)
		if n > 0 {
			s = p.paint(color, s)
		}
		return s
	}
	parts := []string{num(c.done, w.done, green)}
	if w.failed || c.failed > 0 {
		parts = append(parts, num(c.failed, msg("%d failed"), red))
	}
	parts = append(parts, num(c.skipped, w.skipped, red))
	if c.existing > 0 {
		parts = append(parts, p.a.sprintf("%d already there (left alone)", c.existing))
	}
	if n := c.cancelled + notStarted; n > 0 {
		parts = append(parts, p.a.sprintf("%d not done (interrupted)", n))
	}
	p.println(p.a.sprintf("labelkit: %s in %s", strings.Join(parts, ", "), elapsed.Round(time.Millisecond)))
}
