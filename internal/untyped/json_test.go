package untyped

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// stdJSONObject decodes src as labelkit fill did before JSONObject: one
// value with encoding/json's Decoder and UseNumber, white space after it,
// an object.
func stdJSONObject(src []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if len(bytes.Trim(src[dec.InputOffset():], " \t\r\n")) > 0 {
		return nil, false
	}
	m, ok := v.(map[string]any)
	return m, ok
}

var jsonSeeds = []string{
	`{}`, ` {"a":1} `, `{"a":[],"b":{},"c":[{}],"d":null,"e":true,"f":false}`,
	`{"n":[0,-0,1.5,-1.5e10,1E+2,2e-3,123456789012345678901234567890]}`,
	`{"s":"a\"b\\c\/d\b\f\n\r\t","u":"\u00e9\u20AC\ud83d\ude00","raw":"é€😀"}`,
	`{"a":1,"a":2}`, `{"a":{"b":{"c":[1,[2,[3]]]}}}`,
	// invalid, or left to encoding/json
	`[]`, `"x"`, `{"a":1}x`, `{"a":1,}`, `{"a" 1}`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`,
	`{"a":1e}`, `{"a":tru}`, `{"a":"\x"}`, `{"a":"\ud800"}`, `{"a":"\ud800\u0041"}`, "{\"a\":\"\x01\"}",
	"{\"a\":\"\xff\"}", `{"a":"\u12"}`, `{"a":[1,]}`, `{"a"}`, `{`, `{"a":`, `{"a":"b`, `{} {}`, ` `,
	`{"a":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`,
}

// TestJSONObjectSameAsEncodingJSON: what JSONObject decodes,
// encoding/json decodes the same; what encoding/json refuses, JSONObject
// refuses.
func TestJSONObjectSameAsEncodingJSON(t *testing.T) {
	seeds := jsonSeeds
	if b, err := os.ReadFile("../../render/testdata/bench/data.json"); err == nil {
		seeds = append(seeds, string(b))
	} else {
		t.Fatal(err)
	}
	decoded := 0
	for _, s := range seeds {
		if checkJSONObject(t, []byte(s)) {
			decoded++
		}
	}
	if decoded < 8 {
		t.Errorf("only %d seeds decoded by JSONObject itself", decoded)
	}
}

func checkJSONObject(t *testing.T, src []byte) bool {
	t.Helper()
	got, ok := JSONObject(src)
	want, wantOK := stdJSONObject(src)
	if ok && !wantOK {
		t.Fatalf("%q: JSONObject decoded what encoding/json refuses: %#v", src, got)
	}
	if ok && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", src, got, want)
	}
	return ok
}

func FuzzJSONObject(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkJSONObject(t, src)
	})
}

func BenchmarkJSONObject(b *testing.B) {
	src, err := os.ReadFile("../../render/testdata/bench/data.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("JSONObject", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := JSONObject(src); !ok {
				b.Fatal("not decoded")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := stdJSONObject(src); !ok {
				b.Fatal("not decoded")
			}
		}
	})
}
