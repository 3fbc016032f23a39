// Package clienttest runs real clients from Go tests: the Open XML SDK
// validator (Validate), LibreOffice headless with pdftotext (PDFText,
// Convert) and pdftoppm (PNG).
//
// Whether a missing tool fails or skips the test depends on the
// LABELKIT_REAL_CLIENTS environment variable (see Mode): CI sets "require".
//
// Tools used: node and the @ooxml-tools/validate package (the
// ooxml-validate command), soffice (LibreOffice, Debian
// libreoffice-writer-nogui), pdftotext and pdftoppm (poppler-utils), and a
// font with ☒/☐ (fonts-dejavu-core).
package clienttest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// EnvVar is the environment variable read by Mode.
const EnvVar = "LABELKIT_REAL_CLIENTS"

// Mode returns how tests treat real clients, from LABELKIT_REAL_CLIENTS:
// "require" (missing tools fail the test), "off" (real-client tests are
// skipped even if the tools are installed; also "0", "skip", "false"), or
// "auto" (the default: run if installed, skip otherwise).
func Mode() string {
	switch v := strings.ToLower(strings.TrimSpace(os.Getenv(EnvVar))); v {
	case "require", "required", "1", "true":
		return "require"
	case "off", "0", "skip", "false", "no":
		return "off"
	default:
		return "auto"
	}
}

// Need returns the path of each named program, found in PATH. If one is
// missing, the test fails when Mode is "require" and is skipped otherwise;
// with Mode "off" the test is skipped at once.
func Need(t testing.TB, programs ...string) []string {
	t.Helper()
	if Mode() == "off" {
		t.Skipf("real clients disabled (%s=%s)", EnvVar, os.Getenv(EnvVar))
	}
	paths := make([]string, len(programs))
	for i, p := range programs {
		path, err := exec.LookPath(p)
		if err != nil {
			missing(t, "%s not found in PATH (%v)", p, err)
			return nil
		}
		paths[i] = path
	}
	return paths
}

// missing fails or skips the test, as Mode says.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if Mode() == "require" {
		t.Fatalf("real client missing, and "+EnvVar+"=require: "+format, args...)
	}
	t.Skipf("real client missing (set "+EnvVar+"=require to fail instead): "+format, args...)
}

// commandContext returns a context for running a tool on n files: the
// test's context with a timeout, so that a hung client cannot hang the test
// suite.
func commandContext(t testing.TB, base, perFile time.Duration, n int) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), base+time.Duration(n)*perFile)
}
