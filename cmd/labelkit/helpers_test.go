package main

import (
	"bytes"
	"context"
	"strings"
)

// testApp returns an app with in-memory streams.
func testApp() (*app, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	return &app{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
		ctx:    context.Background(),
	}, &stdout, &stderr
}

// englishEnv is an environment that asks for English messages.
func englishEnv(k string) string {
	if k == "LANG" {
		return "en_US.UTF-8"
	}
	return ""
}
