//go:build !linux

package main

// adviseHugePages does nothing here: huge pages are asked for on Linux only.
func adviseHugePages([]byte) {}
