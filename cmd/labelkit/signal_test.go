package main

import (
	"context"
	"syscall"
	"testing"
	"time"
)

func TestWithSignals(t *testing.T) {
	ctx, stop := withSignals(context.Background())
	defer stop()
	if _, ok := interruptCode(ctx); ok {
		t.Fatal("interrupted before any signal")
	}
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	code, ok := interruptCode(ctx)
	if !ok || code != 143 {
		t.Fatalf("interruptCode = %d, %v; want 143", code, ok)
	}
	if got := context.Cause(ctx).Error(); got != "terminated (SIGTERM)" {
		t.Errorf("cause %q", got)
	}
	if (signalError{syscall.SIGINT}).exitCode() != 130 {
		t.Error("SIGINT code")
	}
	// stop without a signal: cancelled, but not interrupted.
	ctx2, stop2 := withSignals(context.Background())
	stop2()
	if _, ok := interruptCode(ctx2); ok {
		t.Error("stop counted as an interruption")
	}
}
