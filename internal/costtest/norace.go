//go:build !race

package costtest

// Race reports whether the race detector is on.
const Race = false
