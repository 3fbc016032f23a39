//go:build !unix

package costtest

import "time"

// cpuTime is unknown here: Run measures the wall time.
func cpuTime() time.Duration { return -1 }
