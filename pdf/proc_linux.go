package pdf

import "syscall"

// setParentDeath asks the kernel to kill the child if labelkit dies without
// a chance to clean up (SIGKILL, a crash).
func setParentDeath(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
