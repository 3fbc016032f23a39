package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return e.key() }

// key is the catalogue entry of the message (only SIGINT and SIGTERM are
// caught).
func (e signalError) key() string {
	if e.sig == syscall.SIGTERM {
		return msg("terminated (SIGTERM)")
	}
	return msg("interrupted (SIGINT)")
}

// exitCode is the conventional 128+N status for the signal.
func (e signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// withSignals returns a context cancelled (with a signalError cause) on the
// first SIGINT or SIGTERM: the run stops cleanly. A second one ends the
// process at once, after removing every temporary file (removeTemps); a
// third one, should that hang, gets the signal's default behaviour. Like
// signal.NotifyContext, but the cause says which signal came, for the exit
// code. stop releases the handler.
func withSignals(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			cancel(signalError{s})
			select {
			case s := <-ch:
				signal.Stop(ch)
				removeTemps()
				os.Exit(signalError{s}.exitCode())
			case <-done:
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// interruptCode returns the exit code for an interrupted context, and
// whether it was interrupted by a signal.
func interruptCode(ctx context.Context) (int, bool) {
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		return se.exitCode(), true
	}
	return 0, false
}
