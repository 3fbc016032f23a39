package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
)

// status is what became of one input.
type status int

const (
	statusDone      status = iota // rendered (or valid, for validate)
	statusSkipped                 // invalid input: reported, not rendered
	statusFailed                  // could not be rendered or written
	statusCancelled               // interrupted before it finished
	statusExisting                // output already there, left alone (--skip-existing)
)

// outcome is the result of one input. Messages are complete lines for
// standard error ("file: key.path: message").
type outcome struct {
	status status
	msgs   []string
}

// defaultWorkers is the size of the worker pool: one per usable core.
func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

// runPool runs work for each index in [0, n) on a bounded pool of workers
// goroutines. Indexes are dispatched in order; dispatching stops when ctx is
// cancelled (work in flight sees the cancelled ctx and should give up).
// onDone is called as each input completes, in completion order (for the
// progress bar); report is called in index order, so that messages come out
// in the order of the inputs whatever the scheduling. Both run on the
// calling goroutine. runPool returns how many inputs were dispatched.
func runPool(ctx context.Context, n, workers int,
	work func(ctx context.Context, i int) outcome,
	onDone func(outcome),
	report func(i int, o outcome),
) int {
	if workers < 1 {
		workers = defaultWorkers()
	}
	workers = min(workers, n)
	type indexed struct {
		i int
		o outcome
	}
	jobs := make(chan int)
	results := make(chan indexed, workers)
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			if ctx.Err() != nil {
				return
			}
			select {
			case <-ctx.Done():
				return
			case jobs <- i:
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				var o outcome
				if ctx.Err() != nil {
					o = outcome{status: statusCancelled}
				} else {
					o = work(ctx, i)
				}
				results <- indexed{i, o}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]outcome{}
	next, count := 0, 0
	for r := range results {
		count++
		if onDone != nil {
			onDone(r.o)
		}
		pending[r.i] = r.o
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if report != nil {
				report(next, o)
			}
			next++
		}
	}
	return count
}

// outcome classifies the result of writing in's output.
func (a *app) outcome(ctx context.Context, d *outDir, in input, err error) outcome {
	switch {
	case err == nil:
		return outcome{status: statusDone}
	case isCancel(ctx, err):
		return outcome{status: statusCancelled}
	case errors.Is(err, errSkipped):
		return outcome{status: statusExisting}
	case err == errExists:
		return a.failed(a.inName(in), errorf("%s %v", fileName(d.display(in.out)), err))
	}
	return a.failed(a.inName(in), err)
}

// syncDepth is how many outputs, beyond those being rendered, may be
// waiting for the disk (fsync, link) at once. Rendering is bound to the CPU
// and runs on at most one worker per core; fsync is bound to the disk and
// takes milliseconds on some file systems: letting several outputs wait for
// it while the cores render the next inputs keeps the cores busy. Each
// group sync flushes the device once: fewer, larger groups cost less (see
// BENCH.md), and a group still waits at most syncWindow.
const syncDepth = 256

// work is one input's CPU-bound part: decode, validate, render. It returns
// the outcome, or a pending output file that runBatch then commits.
type work func(ctx context.Context, in input) (outcome, *pendingFile)

// runBatch runs the inputs on a bounded pool: at most workers inputs are in
// their CPU-bound part (work) at once — the worker pool proper, workers
// being GOMAXPROCS by default —, and up to syncDepth more outputs may be
// committing to disk (dir != nil). It shows progress, prints messages in
// input order, the summary, and returns the exit code.
func (a *app) runBatch(verb string, w words, ins []input, workers int, quiet bool, dir *outDir, do work) int {
	// Standard input is read before signals are caught, so that Ctrl-C
	// while labelkit waits for it ends the process as usual.
	for _, in := range ins {
		if in.path == stdinName {
			var b []byte
			a.stdin, b = readAllReader(a.stdin)
			a.stdinJSON = looksJSON(b)
		}
	}
	ctx, stop := withSignals(a.ctx)
	defer stop()
	defer paceGC(a.getenv)()
	if workers < 1 {
		workers = defaultWorkers()
	}
	cpu := make(chan struct{}, workers)
	pool := workers
	if dir != nil {
		pool += syncDepth
	}
	run := func(ctx context.Context, i int) outcome {
		select {
		case cpu <- struct{}{}:
		case <-ctx.Done():
			dir.notComing()
			return outcome{status: statusCancelled}
		}
		o, p := do(ctx, ins[i])
		<-cpu
		if p == nil {
			dir.notComing()
			return o
		}
		return a.outcome(ctx, dir, ins[i], dir.finish(ctx, p))
	}
	if dir != nil {
		// Every input is on its way to the disk: a group sync waits for
		// the next ones rather than syncing for one output at a time.
		dir.group.coming(len(ins))
	}
	p := a.newProgress(verb, len(ins), quiet)
	var c counts
	n := runPool(ctx, len(ins), pool, run,
		func(o outcome) { p.step(o.status == statusFailed || o.status == statusSkipped) },
		func(i int, o outcome) {
			c.add(o.status)
			for _, m := range o.msgs {
				p.println(m)
			}
		})
	if dir != nil {
		dir.cleanup()
	}
	p.finish()
	code, interrupted := interruptCode(ctx)
	if interrupted {
		// Said even with -q: the run did not do everything it was asked.
		p.println(a.sprintf("labelkit: %v: stopped; finished outputs are complete, no temporary file is left", context.Cause(ctx)))
	}
	if !quiet {
		p.summary(w, c, len(ins)-n)
	}
	if interrupted {
		return code
	}
	if c.failed+c.skipped+c.cancelled > 0 {
		return exitFailed
	}
	return exitOK
}

// maxStdin bounds what is read from standard input (the decoders apply
// their own, smaller limits).
const maxStdin = 64 << 20

// readAllReader reads r (up to maxStdin+1 bytes) and returns a reader of
// what was read, followed by the read error if any.
func readAllReader(r io.Reader) (io.Reader, []byte) {
	b, err := io.ReadAll(io.LimitReader(r, maxStdin+1))
	if err != nil {
		return io.MultiReader(bytes.NewReader(b), errReader{err}), b
	}
	return bytes.NewReader(b), b
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
