//go:build !unix

package pdf

import "os/exec"

func setGroup(*exec.Cmd) {}

// killGroup kills cmd (no process groups here).
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
