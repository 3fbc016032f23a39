//go:build unix && !linux

package pdf

import "syscall"

func setParentDeath(*syscall.SysProcAttr) {}
