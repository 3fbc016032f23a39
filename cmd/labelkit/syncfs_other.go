//go:build !linux

package main

import (
	"errors"
	"os"
)

// syncFS is not available here: outputs are synced one by one (fsync).
func syncFS(*os.File) error { return errors.ErrUnsupported }
