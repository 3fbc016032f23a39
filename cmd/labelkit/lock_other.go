//go:build !unix

package main

import "os"

// lockTemp: no advisory locks here; the age of a temporary file alone tells
// a stale one (see removeStale).
func lockTemp(*os.File) {}

func lockedByOther(*os.Root, string) bool { return false }
