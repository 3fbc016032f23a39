package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/costtest"
	"github.com/esante/labelkit/internal/tomldepth"
)

func TestLoadData(t *testing.T) {
	m, err := loadData(strings.NewReader("name = \"Dupont & fils\"\n[[items]]\nqty = 2\n"), "toml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "Dupont & fils", "items": []map[string]any{{"qty": int64(2)}}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("toml: %#v", m)
	}
	m, err = loadData(strings.NewReader(`{"n": 12345678901234567890, "f": 0.10, "l": [true]}`), "json")
	if err != nil {
		t.Fatal(err)
	}
	if m["n"] != json.Number("12345678901234567890") || m["f"] != json.Number("0.10") {
		t.Errorf("json numbers: %#v", m)
	}
}

func TestLoadDataErrors(t *testing.T) {
	tests := []struct{ in, format, want string }{
		{"a = 1\nb = \n", "toml", "2:5: "},
		{"{\n  \"a\": 1,\n  \"b\" 2\n}", "json", "3:7: invalid character '2'"},
		{"[1, 2]", "json", "top level must be a JSON object"},
		{"", "json", "empty file: expected a JSON object"},
		{" \n\t", "toml", "empty file: expected TOML tables and keys"},
		{"\ufeff\n", "json", "empty file"},
		// the column counts characters, not bytes (the decoder says 1:11)
		{"a = \"éé\" x", "toml", "1:9: "},
		{"{\"a\": ", "json", "1:7: unexpected end of JSON"},
		{"{} {}", "json", "1:4: unexpected data after the top-level object"},
		// BurntSushi/toml's cost explodes with nesting (50,000 levels: tens of GB)
		{"a = 1\nb = " + strings.Repeat("{x=", 50000) + "1" + strings.Repeat("}", 50000), "toml", "2:101: tables, arrays and dotted keys nested more than 32 levels deep"},
		{"x = 1\n" + strings.Repeat("a.", 50000) + "a = 1", "toml", "2:66: tables, arrays and dotted keys nested more than 32 levels deep"},
		{"[" + strings.Repeat("a.", 50000) + "a]", "toml", "1:65: tables, arrays and dotted keys nested more than 32 levels deep"},
	}
	for _, tt := range tests {
		_, err := loadData(strings.NewReader(tt.in), tt.format)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("loadData(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestLoadDataText: fill's data goes through the checks convention's
// decoding makes (internal/untyped): UTF-16 is named, a byte order mark is
// dropped, a file of comments is an empty table.
func TestLoadDataText(t *testing.T) {
	utf16 := func(s string, bigEndian, bom bool) string {
		var b []byte
		if bom {
			s = "\ufeff" + s
		}
		for _, r := range s { // ASCII and Latin-1 only
			if bigEndian {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return string(b)
	}
	a, _, _ := testApp()
	for _, tc := range []struct{ src, format, enc string }{
		{utf16(`{"name": "Dupont"}`, false, true), "json", "UTF-16 (little-endian)"},
		{utf16(`{"name": "Dupont"}`, false, false), "json", "UTF-16 (little-endian)"},
		{utf16("name = \"Dupont\"\n", true, false), "toml", "UTF-16 (big-endian)"},
	} {
		_, err := loadData(strings.NewReader(tc.src), tc.format)
		if err == nil || !strings.Contains(err.Error(), "encoded in "+tc.enc+": save it as UTF-8") {
			t.Errorf("%s %q: %v", tc.format, tc.src, err)
			continue
		}
		if got, want := a.errText(err), "le fichier est encodé en "+tc.enc+" : enregistrez-le en UTF-8"; !strings.HasPrefix(got, want) {
			t.Errorf("French: %q, want it to start with %q", got, want)
		}
	}
	for _, tc := range []struct{ src, format string }{
		{"\ufeff{\"name\": \"Dupont\"}", "json"},
		{"\ufeffname = \"Dupont\"", "toml"},
	} {
		m, err := loadData(strings.NewReader(tc.src), tc.format)
		if err != nil || m["name"] != "Dupont" {
			t.Errorf("%s with a byte order mark: %v, %v", tc.format, m, err)
		}
	}
	m, err := loadData(strings.NewReader("# rien\n"), "toml")
	if err != nil || m == nil || len(m) != 0 {
		t.Errorf("comments only: %#v, %v", m, err)
	}
}

// TestLoadDataValuesBounded: 32 MiB arrays of zeros took 500 to 745 MB and
// 30 CPU-seconds to decode; arrays of more than maxDataValues are refused
// after one pass.
func TestLoadDataValuesBounded(t *testing.T) {
	zeros := strings.Repeat("0,", maxDataValues+10) + "0" // 4 MB; 32 MiB measured in the README
	for _, tc := range []struct{ format, src string }{
		{"json", `{"a":[` + zeros + `]}`},
		{"toml", "a = [" + zeros + "]\n"},
		{"json", `{"a":[` + strings.Repeat(`{"b":1},`, maxDataValues/3) + `{}]}`},
		// the TOML decoder keeps each key's path: 990,000 keys took 633 MB
		{"toml", "[a]\n" + strings.Repeat("k=1\n", maxDataValues/tomlKeyWeight+1)},
	} {
		var err error
		costtest.Run(t, 200<<20, func() {
			_, err = loadData(strings.NewReader(tc.src), tc.format)
		})
		if err == nil || !strings.Contains(err.Error(), "values (array items, keys; a TOML key counts 8)") {
			t.Errorf("%s: got %v", tc.format, err)
		}
	}
	// commas and colons in strings are not values
	m, err := loadData(strings.NewReader(`{"a":"`+strings.Repeat(",:[{", maxDataValues)+`"}`), "json")
	if err != nil || len(m) != 1 {
		t.Errorf("got %v", err)
	}
}

// TestDecodedHeap: the room reserved in the batch's memory limit for a
// data file (decodedHeap) holds what the file takes decoded, for the shapes
// that cost the most per byte at the caps. Under the limit, the collector
// ran back to back (a 32 MiB data file took twice its CPU time).
func TestDecodedHeap(t *testing.T) {
	if costtest.Race {
		t.Skip("measures the heap: run without -race")
	}
	jsonKeys := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"a":{`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"k%07d":"abcdefghijklm"`, i)
		}
		b.WriteString("}}")
		return b.String()
	}
	tomlKeys := func(n int) string {
		var b strings.Builder
		b.WriteString("[a]\n")
		for i := range n {
			fmt.Fprintf(&b, "k%07d = \"abcdefghijklm\"\n", i)
		}
		return b.String()
	}
	for _, tc := range []struct{ name, format, src string }{
		{"JSON zeros", "json", `{"a":[` + strings.Repeat("0,", maxDataValues-10) + "0]}"},
		{"JSON strings", "json", `{"a":[` + strings.Repeat(`"abcdefghijklm",`, maxDataValues-10) + `""]}`},
		{"JSON keys", "json", jsonKeys(maxDataValues/2 - 10)},
		{"TOML zeros", "toml", "a = [" + strings.Repeat("0,", maxDataValues-10) + "0]\n"},
		{"TOML keys", "toml", tomlKeys(maxDataValues/tomlKeyWeight - 10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m map[string]any
			var err error
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			costtest.Run(t, 1<<30, func() {
				m, err = loadData(strings.NewReader(tc.src), tc.format)
			})
			if err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			n := jsonValues([]byte(tc.src))
			if tc.format == "toml" {
				values, keys := tomldepth.Values([]byte(tc.src))
				n = values + tomlKeyWeight*keys
			}
			reserved := decodedHeap(len(tc.src), n)
			t.Logf("%d bytes, %d values: %d MB held, %d MB reserved", len(tc.src), n, held>>20, reserved>>20)
			if held > reserved {
				t.Errorf("the data holds %d MB decoded, more than the %d MB reserved", held>>20, reserved>>20)
			}
			runtime.KeepAlive(m)
		})
	}
}

func TestReadData(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 100_000, maxDataSize, maxDataSize + 10} {
		path := filepath.Join(dir, fmt.Sprintf("d%d.json", n))
		want := make([]byte, n) // zeros, written as a sparse file when large
		if n < 1<<20 {
			want = bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
		}
		if err := os.WriteFile(path, want[:min(n, 1<<20)], 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, int64(n)); err != nil {
			t.Fatal(err)
		}
		got, err := readData(path)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if n > maxDataSize {
			want = want[:maxDataSize+1] // enough to know it is too large
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, not the file's", n, len(got))
		}
	}
	_, err := readData(filepath.Join(dir, "missing.json"))
	var pe *os.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Op != "open" {
		t.Errorf("missing file: %#v, want an open *os.PathError of fs.ErrNotExist", err)
	}
	if _, err := readData(dir); err == nil {
		t.Error("a folder read as data: no error")
	}
}

func TestDataRoots(t *testing.T) {
	base := t.TempDir()
	var r dataRoots
	for i := range maxDataRoots + 3 {
		d := filepath.Join(base, fmt.Sprint(i))
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, fmt.Sprint(i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time from the cache, when kept
			root, done, err := r.open(d)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := root.Stat(fmt.Sprint(i)); err != nil {
				t.Fatalf("folder %d: %v", i, err)
			}
			done()
			_, err = root.Stat(fmt.Sprint(i))
			if kept := i < maxDataRoots; kept != (err == nil) {
				t.Errorf("folder %d: after done, Stat gives %v; kept open: %v", i, err, kept)
			}
		}
	}
	kept := r.m
	r.close()
	for d, root := range kept {
		if _, err := root.Stat("."); err == nil {
			t.Errorf("%s still open after close", d)
		}
	}
	if _, _, err := r.open(filepath.Join(base, "missing")); err == nil {
		t.Error("a missing folder: no error")
	}
}
