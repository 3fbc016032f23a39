package main

import (
	"context"
	"math/rand/v2"
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
