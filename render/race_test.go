//go:build race

package render

// raceEnabled: the race detector makes the measured hostile inputs ten
// times slower (building them too).
const raceEnabled = true
