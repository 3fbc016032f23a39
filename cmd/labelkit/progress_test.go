package main

import (
	"strings"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressBar(t *testing.T) {
	a, _, stderr := testApp()
	a.getenv = englishEnv
	a.stderrTerminal = true
	clock := &fakeClock{time.Unix(0, 0)}
	p := a.newProgress("rendering", 4, false)
	p.now = clock.now
	p.start = clock.t
	p.width = func() int { return 80 }
	clock.t = clock.t.Add(time.Second)
	p.step(false)
	p.step(true)                                   // within redrawEvery: not drawn
	p.println("a.toml: company.name: obligatoire") // redraws the bar below
	clock.t = clock.t.Add(time.Second)
	p.step(false)
	clock.t = clock.t.Add(time.Millisecond)
	p.step(false) // within redrawEvery but the last: drawn
	p.finish()
	p.summary(renderWords, counts{done: 3, skipped: 1}, 0)
	got := stderr.String()
	want := "\r\x1b[Krendering [##########------------------------------] 1/4  0 with errors  1/s" +
		"\r\x1b[Ka.toml: company.name: obligatoire\n" +
		"\r\x1b[Krendering [####################--------------------] 2/4  \x1b[31m1 with errors\x1b[0m  2/s" +
		"\r\x1b[Krendering [##############################----------] 3/4  \x1b[31m1 with errors\x1b[0m  2/s" +
		"\r\x1b[Krendering [########################################] 4/4  \x1b[31m1 with errors\x1b[0m  2/s" +
		"\r\x1b[K" +
		"labelkit: \x1b[32m3 rendered\x1b[0m, 0 failed, \x1b[31m1 skipped (invalid)\x1b[0m in 2.001s\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestProgressQuietAndNoColor(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		quiet    bool
		noColor  string
	}{
		{"not a terminal", false, false, ""},
		{"quiet", true, true, ""},
		{"NO_COLOR", true, true, "1"},
	} {
		a, _, stderr := testApp()
		a.stderrTerminal = tc.terminal
		a.getenv = func(k string) string {
			if k == "NO_COLOR" {
				return tc.noColor
			}
			return ""
		}
		p := a.newProgress("rendering", 2, tc.quiet)
		p.step(true)
		p.println("x: problem")
		p.step(false)
		p.finish()
		p.summary(renderWords, counts{done: 1, failed: 1}, 0)
		got := stderr.String()
		if tc.terminal && tc.noColor == "" {
			if !strings.Contains(got, "\x1b[31m") {
				t.Errorf("%s: no colour in %q", tc.name, got)
			}
		} else if strings.Contains(got, "\x1b") {
			t.Errorf("%s: escape sequences in %q", tc.name, got)
		}
		if strings.Contains(got, "[#") || strings.Contains(got, "\r") {
			t.Errorf("%s: progress bar drawn: %q", tc.name, got)
		}
		if !strings.HasPrefix(got, "x: problem\nlabelkit: ") {
			t.Errorf("%s: got %q", tc.name, got)
		}
	}
}

func TestSummaryInterrupted(t *testing.T) {
	a, _, stderr := testApp()
	a.getenv = englishEnv
	p := a.newProgress("rendering", 10, false)
	p.summary(renderWords, counts{done: 3, cancelled: 1}, 6)
	if got := stderr.String(); !strings.HasPrefix(got, "labelkit: 3 rendered, 0 failed, 0 skipped (invalid), 7 not done (interrupted) in ") {
		t.Errorf("got %q", got)
	}
	a, _, stderr = testApp() // French, the default
	p = a.newProgress("rendering", 10, false)
	p.summary(renderWords, counts{done: 1, cancelled: 1, skipped: 2}, 6)
	if got := stderr.String(); !strings.HasPrefix(got, "labelkit: 1 rendu, 0 en échec, 2 ignorés (invalides), 7 non faits (interruption) en ") {
		t.Errorf("got %q", got)
	}
}
