// Command hostilegen writes the inputs of every finding of issue #8
// (untrusted input is bounded) into a folder: agreement inputs for
// `labelkit validate`, templates for `labelkit vars` and `labelkit fill`,
// data files for fill. Nothing large is committed: each input is built
// from a unit repeated n times, as the issue describes it.
//
// Usage:
//
//	go run ./bench/hostile DIR
//
// bench/hostile/run.sh builds it, runs labelkit on each input under
// prlimit and /usr/bin/time, and prints the table the README quotes.
package main

import (
	"archive/zip"
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const (
	wNS      = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	decl     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relNS    = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	typesNS  = `xmlns="http://schemas.openxmlformats.org/package/2006/content-types"`
	relBase  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	hdrType  = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
)

// part is one zip entry; data is written by a function so that parts of
// tens of megabytes are streamed into the compressor, not built first.
type part struct {
	name string
	data func(w io.Writer)
}

func str(name, s string) part {
	return part{name, func(w io.Writer) { io.WriteString(w, s) }}
}

// rep writes head, unit n times, then tail.
func rep(name, head, unit string, n int, tail string) part {
	return part{name, func(w io.Writer) {
		io.WriteString(w, head)
		bw := bufio.NewWriterSize(w, 1<<16)
		for i := 0; i < n; i++ {
			bw.WriteString(unit)
		}
		bw.Flush()
		io.WriteString(w, tail)
	}}
}

// docx is a minimal template: the main document's body, extra parts, extra
// relationships of the main document and content-type overrides.
type docx struct {
	body      string
	rels      string
	overrides string
	ct        *part // replaces [Content_Types].xml
	pkgRels   *part // replaces _rels/.rels
	docPart   *part // replaces word/document.xml
	extra     []part
}

func (d docx) write(path string) {
	ct := str("[Content_Types].xml", decl+`<Types `+typesNS+`><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="`+mainType+`"/>`+d.overrides+`</Types>`)
	if d.ct != nil {
		ct = *d.ct
	}
	pr := str("_rels/.rels", decl+`<Relationships `+relNS+`><Relationship Id="rId1" Type="`+relBase+`officeDocument" Target="word/document.xml"/></Relationships>`)
	if d.pkgRels != nil {
		pr = *d.pkgRels
	}
	doc := str("word/document.xml", decl+`<w:document `+wNS+`><w:body>`+d.body+`<w:sectPr/></w:body></w:document>`)
	if d.docPart != nil {
		doc = *d.docPart
	}
	parts := []part{ct, pr, doc, str("word/_rels/document.xml.rels", decl+`<Relationships `+relNS+`>`+d.rels+`</Relationships>`)}
	writeZip(path, append(parts, d.extra...))
}

// writeZip writes parts, then empty stored entries e/0 to e/(empty-1).
func writeZip(path string, parts []part, empty ...int) {
	f, err := os.Create(path)
	check(err)
	bw := bufio.NewWriterSize(f, 1<<20)
	zw := zip.NewWriter(bw)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		check(err)
		p.data(w)
	}
	for _, n := range empty {
		for i := 0; i < n; i++ {
			_, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("e/%d", i), Method: zip.Store})
			check(err)
		}
	}
	check(zw.Close())
	check(bw.Flush())
	check(f.Close())
}

func p(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }

// headers returns a template of n headers, each holding an action then
// the paragraph body written by unit repeated count times.
func headers(n int, unit string, count int) docx {
	d := docx{body: p("{{.x}}")}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("header%d.xml", i)
		d.rels += fmt.Sprintf(`<Relationship Id="rIdH%d" Type="%sheader" Target="%s"/>`, i, relBase, name)
		d.overrides += `<Override PartName="/word/` + name + `" ContentType="` + hdrType + `"/>`
		d.extra = append(d.extra, rep("word/"+name, decl+`<w:hdr `+wNS+`>`+p("{{.x}}")+`<w:p><w:r><w:t>`, unit, count, `</w:t></w:r></w:p></w:hdr>`))
	}
	return d
}

func writeFile(path string, data func(w io.Writer)) {
	f, err := os.Create(path)
	check(err)
	bw := bufio.NewWriterSize(f, 1<<20)
	data(bw)
	check(bw.Flush())
	check(f.Close())
}

// repFile writes head, unit n times, tail to path.
func repFile(path, head, unit string, n int, tail string) {
	writeFile(path, rep("", head, unit, n, tail).data)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostilegen:", err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostilegen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	check(os.MkdirAll(dir, 0o755))
	at := func(name string) string { return filepath.Join(dir, name) }

	// Agreement inputs (labelkit validate), at most 1 MiB each.
	writeFile(at("toml-header.toml"), func(w io.Writer) {
		io.WriteString(w, "["+strings.Repeat("a.", 50_000)+"a]\n")
	})
	writeFile(at("toml-dotted.toml"), func(w io.Writer) {
		io.WriteString(w, strings.Repeat("a.", 50_000)+"a = 1\n")
	})
	repFile(at("json-array.json"), `{"annexes":[`, "0,", 499_990, "0]}")
	repFile(at("json-keys.json"), `{`, `"a":1,`, 59_999, `"a":1}`)
	repFile(at("toml-array.toml"), "annexes = [", "0,", 499_990, "0]\n")
	repFile(at("toml-keys.toml"), "", "a = 1\n", 60_000, "")
	repFile(at("toml-annexes.toml"), "annexes = [", "{},", 299_999, "{}]\n")
	writeFile(at("toml-unknown.toml"), func(w io.Writer) {
		io.WriteString(w, "company = {")
		for i := 0; i < 90_000; i++ {
			if i > 0 {
				io.WriteString(w, ",")
			}
			fmt.Fprintf(w, "k%d=1", i)
		}
		io.WriteString(w, "}\n")
	})

	// Templates for labelkit vars (parsing).
	attrs := func(name, head string, n int, tail string) part {
		return rep(name, head, ` a=""`, n, tail)
	}
	ctHead := decl + `<Types ` + typesNS + `><Default Extension="xml" ContentType="application/xml"`
	ct3m := attrs("[Content_Types].xml", ctHead, 3_000_000, `/></Types>`)
	docx{body: p("{{.x}}"), ct: &ct3m}.write(at("ct-3m-attrs.docx"))
	ct12m := attrs("[Content_Types].xml", ctHead, 12_000_000, `/></Types>`)
	docx{body: p("{{.x}}"), ct: &ct12m}.write(at("ct-12m-attrs.docx"))
	rels12m := attrs("_rels/.rels", decl+`<Relationships `+relNS+`><Relationship Id="rId1" Type="`+relBase+`officeDocument" Target="word/document.xml"`, 12_000_000, `/></Relationships>`)
	docx{body: p("{{.x}}"), pkgRels: &rels12m}.write(at("rels-12m-attrs.docx"))
	rels15 := rep("_rels/.rels", decl+`<Relationships `+relNS+`><Relationship Id="rId1" Type="`+relBase+`officeDocument" Target="word/document.xml"/>`,
		`<Relationship Id="r" Type="t" Target="a"/>`, 1_500_000, `</Relationships>`)
	docx{body: p("{{.x}}"), pkgRels: &rels15}.write(at("rels-1.5m.docx"))
	headers(40, "<a/>", 1_000_000).write(at("headers-40x1m.docx"))
	headers(8, "<a/>", 1_000_000).write(at("headers-8x1m.docx"))
	headers(3, "a", 60_000_000).write(at("headers-3x60mb.docx"))
	headers(1, "a", 60_000_000).write(at("headers-1x60mb.docx"))
	// a never-templated part of 64 MiB starting with a UTF-16 "<"
	docx{body: p("{{.x}}"), extra: []part{rep("customXml/item1.xml", "", "<\x00a\x00", 16<<20, "")}}.write(at("utf16-64mib.docx"))
	docx{body: p(strings.Repeat("{{if true}}{{end}}", 49_999))}.write(at("if-49999.docx"))
	docx{body: `<w:p>` + strings.Repeat(`<w:r><w:t>{{.x}}</w:t></w:r>`, 99_999) + `</w:p>`}.write(at("runs-99999.docx"))
	docx{body: p(strings.Repeat("{{if true}}", 49_999) + strings.Repeat("{{end}}", 49_999))}.write(at("if-nested-49999.docx"))
	var a strings.Builder
	a.WriteString(`<w:p><w:r><w:t>{{.x}}</w:t></w:r><w:r`)
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&a, ` a%d=""`, i)
	}
	a.WriteString(`/></w:p>`)
	docx{body: a.String()}.write(at("attrs-100k.docx"))
	// a VBA project under another name, referenced by a vbaProject relationship
	docx{body: p("{{.x}}"), rels: `<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="macros.bin"/>`,
		extra: []part{str("word/macros.bin", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1macro")}}.write(at("vba-renamed.docx"))
	// a DOCTYPE in a UTF-32 part
	var u32 []byte
	for _, r := range `<?xml version="1.0" encoding="UTF-32"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>` {
		u32 = binary.LittleEndian.AppendUint32(u32, uint32(r))
	}
	docx{body: p("{{.x}}"), extra: []part{str("customXml/item1.xml", "\xff\xfe\x00\x00"+string(u32))}}.write(at("doctype-utf32.docx"))
	// a zip64 archive of a million entries (about 100 MB, deleted by run.sh)
	writeZip64(at("zip64-1m.docx"), 1_000_000)

	// Templates for labelkit fill (executing); one paragraph each.
	for name, body := range map[string]string{
		"until":           `{{range $i, $e := until 100000000}}{{end}}{{.x}}`,
		"seq":             `{{range seq 100000000}}{{end}}{{.x}}`,
		"untilStep":       `{{range untilStep 0 100000000 1}}{{end}}{{.x}}`,
		"repeat":          `{{repeat 1000000000 "x"}}{{.x}}`,
		"repeat-assigned": `{{$v := repeat 1000000000 "x"}}{{.x}}`,
		"repeat-newlines": `{{repeat 20000000 "\n"}}{{.x}}`,
		"value":           `{{.x}}{{.s}}`,
		"numberFR":        `{{.x}}{{numberFR 2 .n}}`,
		"uniq":            `{{.x}}{{len (uniq .l)}}`,
		"nested-ranges":   `{{.x}}{{range until 100000}}{{range until 100000}}{{end}}{{end}}`,
		"len":             `{{.x}}{{len .a}}`,
		"ok":              `Bonjour {{.x}}`,
	} {
		docx{body: p(body)}.write(at("t-" + name + ".docx"))
	}
	// Data for fill.
	check(os.WriteFile(at("x.json"), []byte(`{"x":"a"}`), 0o644))
	repFile(at("newlines-4mb.json"), `{"x":"a","s":"`, `\n`, 4_000_000, `"}`)
	repFile(at("newlines-12mb.json"), `{"x":"a","s":"`, `\n`, 12_000_000, `"}`)
	repFile(at("digits-4m.json"), `{"x":"a","n":1`, "0", 3_999_999, `.5}`)
	for _, n := range []int{20_000, 200_000} {
		writeFile(at(fmt.Sprintf("uniq-%d.json", n)), func(w io.Writer) {
			io.WriteString(w, `{"x":"a","l":[`)
			for i := 0; i < n; i++ {
				if i > 0 {
					io.WriteString(w, ",")
				}
				fmt.Fprintf(w, `"%d"`, i)
			}
			io.WriteString(w, "]}")
		})
	}
	const mib32 = 32 << 20
	// 32 MiB arrays and objects (over the 2,000,000-value cap), and the
	// same shapes just under both caps
	repFile(at("zeros-32mib.json"), `{"x":"a","a":[`, "0,", (mib32-40)/2, "0]}")
	repFile(at("zeros-32mib.toml"), "x = \"a\"\na = [", "0,", (mib32-40)/2, "0]\n")
	// as many distinct keys as fit in 32 MiB (about 2.9 million)
	writeFile(at("keys-32mib.json"), func(w io.Writer) {
		n, _ := io.WriteString(w, `{"x":"a","a":{"k":0`)
		for i := 0; ; i++ {
			k := fmt.Sprintf(`,"%d":0`, i)
			if n+len(k)+2 > mib32 {
				break
			}
			m, _ := io.WriteString(w, k)
			n += m
		}
		io.WriteString(w, "}}")
	})
	// just under both caps (32 MiB, 1,000,000 values; a JSON key counts
	// two, a TOML key eight): 990,000 strings of 30 bytes, 495,000 keys,
	// 123,000 TOML keys of long strings, 990,000 zeros
	s30, s52, s258 := strings.Repeat("s", 30), strings.Repeat("s", 52), strings.Repeat("s", 258)
	repFile(at("strings-under-caps.json"), `{"x":"a","a":[`, `"`+s30+`",`, 989_999, `"`+s30+`"]}`)
	repFile(at("strings-under-caps.toml"), "x = \"a\"\na = [", `"`+s30+`",`, 989_999, `"`+s30+`"]`+"\n")
	repFile(at("zeros-under-caps.json"), `{"x":"a","a":[`, "0,", 989_999, "0]}")
	writeFile(at("keys-under-caps.json"), func(w io.Writer) {
		io.WriteString(w, `{"x":"a","a":{`)
		for i := 0; i < 495_000; i++ {
			if i > 0 {
				io.WriteString(w, ",")
			}
			fmt.Fprintf(w, `"k%07d":"%s"`, i, s52)
		}
		io.WriteString(w, "}}")
	})
	writeFile(at("keys-under-caps.toml"), func(w io.Writer) {
		io.WriteString(w, "x = \"a\"\n[a]\n")
		for i := 0; i < 123_000; i++ {
			fmt.Fprintf(w, "k%07d = \"%s\"\n", i, s258)
		}
	})
}

// writeZip64 writes a zip of n empty entries besides a minimal template:
// past 65,535 entries archive/zip writes a ZIP64 end record.
func writeZip64(path string, n int) {
	parts := []part{
		str("[Content_Types].xml", decl+`<Types `+typesNS+`><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="`+mainType+`"/></Types>`),
		str("_rels/.rels", decl+`<Relationships `+relNS+`><Relationship Id="rId1" Type="`+relBase+`officeDocument" Target="word/document.xml"/></Relationships>`),
		str("word/document.xml", decl+`<w:document `+wNS+`><w:body>`+p("{{.x}}")+`</w:body></w:document>`),
	}
	writeZip(path, parts, n)
}
