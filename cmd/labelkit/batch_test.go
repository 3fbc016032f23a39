package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunPoolOrderAndBound(t *testing.T) {
	const n, workers = 200, 4
	var running, peak atomic.Int32
	var order []int
	var done int
	got := runPool(context.Background(), n, workers,
		func(ctx context.Context, i int) outcome {
			r := running.Add(1)
			for {
				p := peak.Load()
				if r <= p || peak.CompareAndSwap(p, r) {
					break
				}
			}
			time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
			running.Add(-1)
			return outcome{msgs: []string{string(rune('a' + i%26))}}
		},
		func(outcome) { done++ },
		func(i int, o outcome) { order = append(order, i) })
	if got != n || done != n || len(order) != n {
		t.Fatalf("dispatched %d, done %d, reported %d; want %d", got, done, len(order), n)
	}
	for i, v := range order {
		if v != i {
			t.Fatalf("report order %v", order[:i+1])
		}
	}
	if p := peak.Load(); p > workers {
		t.Errorf("peak concurrency %d > %d workers", p, workers)
	}
}

func TestRunPoolCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int32
	var reported []status
	n := runPool(ctx, 1000, 2,
		func(ctx context.Context, i int) outcome {
			if started.Add(1) == 10 {
				cancel()
			}
			return outcome{status: statusDone}
		}, nil,
		func(i int, o outcome) { reported = append(reported, o.status) })
	if n >= 1000 || n < 10 {
		t.Fatalf("dispatched %d of 1000 after cancelling at the 10th", n)
	}
	if len(reported) != n {
		t.Fatalf("reported %d, dispatched %d", len(reported), n)
	}
	if s := started.Load(); s > 13 {
		t.Errorf("%d work calls after cancel at 10", s)
	}
}

func TestRunPoolEmpty(t *testing.T) {
	if n := runPool(context.Background(), 0, 4, nil, nil, nil); n != 0 {
		t.Fatalf("n = %d", n)
	}
}

// TestRunBatchBoundsCPU: with an output folder, the pool is larger than the
// number of workers (outputs waiting for fsync), but at most workers inputs
// are in their CPU-bound part at once; messages come out in input order.
func TestRunBatchBoundsCPU(t *testing.T) {
	a, _, stderr := testApp()
	dir, err := openOutDir(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	var ins []input
	for i := range 60 {
		ins = append(ins, input{path: fmt.Sprintf("in%02d.toml", i), out: fmt.Sprintf("in%02d.docx", i)})
	}
	var running, peak atomic.Int32
	code := a.runBatch("testing", renderWords, ins, 2, false, dir, func(ctx context.Context, in input) (outcome, *pendingFile) {
		r := running.Add(1)
		for p := peak.Load(); r > p && !peak.CompareAndSwap(p, r); p = peak.Load() {
		}
		time.Sleep(time.Duration(rand.IntN(500)) * time.Microsecond)
		running.Add(-1)
		if in.path == "in07.toml" || in.path == "in42.toml" {
			return outcome{status: statusSkipped, msgs: []string{in.path + ": bad"}}, nil
		}
		p, err := dir.create(ctx, in.out, func(w io.Writer) error { _, err := io.WriteString(w, in.path); return err })
		if err != nil {
			t.Error(err)
		}
		return outcome{}, p
	})
	if code != exitFailed {
		t.Errorf("exit %d, want 1", code)
	}
	if p := peak.Load(); p > 2 {
		t.Errorf("%d inputs rendering at once with 2 workers", p)
	}
	if !strings.HasPrefix(stderr.String(), "in07.toml: bad\nin42.toml: bad\nlabelkit: 58 rendus, 0 en échec, 2 ignorés (invalides) en ") {
		t.Errorf("stderr: %q", stderr.String())
	}
	if n := len(listDir(t, dir.path)); n != 58 {
		t.Errorf("%d files in the output folder, want 58", n)
	}
}
