package convention_test

import (
	"path/filepath"
	"testing"

	"github.com/esante/labelkit/convention"
)

// TestExamples loads and validates every input in ../examples.
func TestExamples(t *testing.T) {
	files, err := filepath.Glob("../examples/*")
	if err != nil {
		t.Fatal(err)
	}
	more, err := filepath.Glob("../examples/*/*")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, more...)
	n := 0
	for _, f := range files {
		if _, err := convention.FormatFromPath(f); err != nil {
			continue
		}
		if filepath.Base(f) == "starter.toml" {
			continue // placeholders: decodes, does not validate (TestStarter)
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, err := convention.LoadFile(f)
			if err != nil {
				t.Fatalf("LoadFile: %v", err)
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
	if n < 3 {
		t.Fatalf("only %d examples", n)
	}
}

// TestExampleTwins checks that the JSON twin decodes to the same agreement
// as its TOML original.
func TestExampleTwins(t *testing.T) {
	a, err := convention.LoadFile("../examples/monosite-standard.toml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := convention.LoadFile("../examples/json/monosite-standard.json")
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := convention.Canonical(a)
	jb, _ := convention.Canonical(b)
	if string(ja) != string(jb) {
		t.Errorf("TOML and JSON twins differ:\n%s\n%s", ja, jb)
	}
}
