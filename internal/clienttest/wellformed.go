package clienttest

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

// WellFormed fails the test (without stopping it) when data, the part name
// of a package, is not well-formed XML: the cheapest check, before any real
// client reads the document.
func WellFormed(t testing.TB, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return
		}
	}
}
