package render

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/esante/labelkit/internal/clienttest"
)

// solid returns a w×h picture of one colour in the given format.
func solid(format string, w, h int, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	case "gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		panic(err)
	}
	return b.Bytes()
}

var (
	red   = color.RGBA{220, 0, 0, 255}
	blue  = color.RGBA{0, 0, 220, 255}
	green = color.RGBA{0, 160, 0, 255}
)

// pngHeader returns a PNG signature and IHDR chunk announcing w×h pixels
// (a pixel bomb: tiny file, huge picture).
func pngHeader(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	be := func(v uint32) []byte { return []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)} }
	ihdr = append(ihdr, be(w)...)
	ihdr = append(ihdr, be(h)...)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, be(13)...)
	out = append(out, ihdr...)
	return append(out, be(crc32.ChecksumIEEE(ihdr))...)
}

const svgLogo = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="#0a0"/></svg>`

// altPicture is a run with a template picture (relationship rIdImg, 2×1 cm)
// whose alt text is action.
func altPicture(action string) string {
	pic := strings.Replace(drawingXML, `<wp:docPr id="7" name="Logo"/>`, `<wp:docPr id="7" name="Logo" descr="`+escapeAttr(action)+`"/>`, 1)
	pic = strings.ReplaceAll(pic, `cx="190500" cy="190500"`, `cx="720000" cy="360000"`)
	return pic
}

// tr is a run of text.
func tr(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

func parseParts(t testing.TB, parts map[string]string, opts ...Option) *Template {
	t.Helper()
	b := zipParts(t, parts)
	tmpl, err := Parse(bytes.NewReader(b), int64(len(b)), opts...)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return tmpl
}

var extentRE = regexp.MustCompile(`<wp:extent cx="(\d+)" cy="(\d+)"/>`)

// extents returns the picture extents of a part, in order.
func extents(part []byte) []string {
	var out []string
	for _, m := range extentRE.FindAllSubmatch(part, -1) {
		out = append(out, string(m[1])+"x"+string(m[2]))
	}
	return out
}

func mediaCases() []goldenCase {
	logo := solid("png", 200, 100, red)
	photo := solid("jpeg", 300, 300, blue)
	wide := solid("gif", 2000, 100, green)
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(logo)
	picsBody := p(`Logo 4 cm : {{image .logo "4cm" "alt=Logo rouge"}} fin.`) +
		p(`Photo 3x2 cm : {{image .photo "3cm" "2cm"}}, data URL 2 cm : {{image .url "20mm"}}.`) +
		p(`Trop large : {{image .wide}}`) + p(`Moitié : {{image .wide "50%"}}`) +
		p(`Absente : [{{image .none}}]`) +
		tblOpen + row(p(`Cellule {{image .wide}}`), p(`{{range .items}}{{image $.logo "1cm"}}{{end}}`)) + tblClose
	pics := imageParts(picsBody + `<w:p>` + tr(`Modèle : `) + altPicture("{{.logo}}") + tr(`; gardé : `) +
		strings.Replace(altPicture("{{.none}}"), `id="7"`, `id="8"`, 1) + `</w:p>`)
	pics["word/header1.xml"] = strings.Replace(pics["word/header1.xml"], `<w:t>En-tête</w:t>`, `<w:t xml:space="preserve">En-tête {{image .logo "1cm"}}</w:t>`, 1)
	links := spec{body: p(`Site : {{link .url "l'ANS"}}, courriel : {{link "mailto:contact@esante.gouv.fr"}}, `+
		`vide : {{link "" "texte seul"}}, encore : {{link .url "ANS"}}.`) +
		`<w:p><w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">Gras : {{link .url .text}}</w:t></w:r></w:p>`,
		header: `<w:p><w:r><w:t xml:space="preserve">En-tête {{link .url "site"}}</w:t></w:r></w:p>`}
	return []goldenCase{
		{
			name: "pictures",
			load: func(t testing.TB) *Template { return parseParts(t, pics, AllowMissing()) },
			data: map[string]any{"logo": logo, "photo": photo, "url": dataURL, "wide": wide, "items": []int{1, 2}},
			see:  []string{"Logo 4 cm : fin.", "Photo 3x2 cm : , data URL 2 cm : .", "Trop large :", "Absente : []", "Modèle : ; gardé :"},
		},
		{
			name: "word-picture",
			load: func(t testing.TB) *Template { return parseParts(t, wordPictureParts()) },
			data: map[string]any{"companies": []any{map[string]any{"name": "A", "logo": logo}, map[string]any{"name": "B", "logo": photo}}},
			see:  []string{"Société A", "Société B"},
		},
		{
			name: "libreoffice-picture",
			load: func(t testing.TB) *Template {
				b, err := os.ReadFile("testdata/media/libreoffice-picture.docx")
				if err != nil {
					t.Fatal(err)
				}
				tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatal(err)
				}
				return tmpl
			},
			data: map[string]any{"logo": logo, "site": "https://esante.gouv.fr/", "photo": photo},
			see:  []string{"Site : ANS"},
		},
		{
			name:   "links",
			load:   fromSpec(links),
			data:   map[string]any{"url": "https://esante.gouv.fr/labels?a=1&b=2", "text": "<gras>"},
			see:    []string{"Site : l'ANS, courriel : mailto:contact@esante.gouv.fr, vide : texte seul, encore : ANS.", "Gras : <gras>", "En-tête site"},
			absent: []string{"{{"},
		},
	}
}

// TestPictures checks what image writes: sizes, relationships, media parts
// (one per content), content types, the header's new relationships part.
func TestPictures(t *testing.T) {
	c := mediaCases()[0]
	out := renderCase(t, c)
	d := openDocx(t, out)
	doc := d.parts["word/document.xml"]
	// 4 cm wide keeps 2:1; 3×2 cm box gives 2×2 cm for a square; 20 mm;
	// the 2000 px GIF is capped to the A4 column (9072 twips); half of it;
	// the cell (3000 - 2×108 twips); two 1 cm logos; the template picture
	// (2×1 cm box, 2:1 logo) replaced, the other kept.
	want := []string{"1440000x720000", "720000x720000", "720000x360000", "5760720x288036", "2880360x144018",
		"1767840x88392", "360000x180000", "360000x180000", "720000x360000", "720000x360000"}
	if got := extents(doc); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("extents\n got %v\nwant %v", got, want)
	}
	var media []string
	for _, n := range d.names {
		if strings.HasPrefix(n, "word/media/lk-") {
			media = append(media, n)
		}
	}
	if len(media) != 3 { // logo (also in the data URL and the header), photo, wide
		t.Errorf("media parts: %v", media)
	}
	rels := string(d.parts["word/_rels/document.xml.rels"])
	if n := strings.Count(rels, relImage); n != 4 { // rIdImg + 3
		t.Errorf("%d image relationships:\n%s", n, rels)
	}
	for _, want := range []string{`Target="media/lk-`, `Id="rIdLk1"`, `Id="rIdLk3"`} {
		if !strings.Contains(rels, want) {
			t.Errorf("rels lack %s:\n%s", want, rels)
		}
	}
	if !strings.Contains(string(doc), `<a:blip r:embed="rIdImg"/>`) || strings.Count(string(doc), `r:embed="rIdLk1"`) != 5 {
		t.Errorf("template pictures: the kept one must point to rIdImg, the logo five times to rIdLk1:\n%s", doc)
	}
	if !strings.Contains(string(doc), `descr="Logo rouge"`) {
		t.Error("alt text missing")
	}
	ct := string(d.parts["[Content_Types].xml"])
	for _, want := range []string{`<Default Extension="jpeg" ContentType="image/jpeg"/>`, `<Default Extension="gif" ContentType="image/gif"/>`} {
		if !strings.Contains(ct, want) {
			t.Errorf("content types lack %s", want)
		}
	}
	if strings.Count(ct, `Extension="png"`) != 1 {
		t.Errorf("png declared twice:\n%s", ct)
	}
	hrels := string(d.parts["word/_rels/header1.xml.rels"])
	if !strings.Contains(hrels, `Id="rIdLk1" Type="`+relImage+`" Target="media/lk-`) {
		t.Errorf("header relationships: %s", hrels)
	}
	// docPr ids are unique.
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`docPr id="(\d+)"`).FindAllStringSubmatch(string(doc)+string(d.parts["word/header1.xml"]), -1) {
		if ids[m[1]] {
			t.Errorf("docPr id %s twice", m[1])
		}
		ids[m[1]] = true
	}
	// Same data, same bytes.
	if again := renderCase(t, c); !bytes.Equal(again, out) {
		t.Error("two executions differ")
	}
}

// TestLinks: a real hyperlink (external relationship, Hyperlink style added
// to styles.xml), one relationship per target, text escaped, only http,
// https and mailto.
func TestLinks(t *testing.T) {
	c := mediaCases()[3]
	d := openDocx(t, renderCase(t, c))
	doc := string(d.parts["word/document.xml"])
	rels := string(d.parts["word/_rels/document.xml.rels"])
	if strings.Count(rels, relLink) != 2 || !strings.Contains(rels, `Target="https://esante.gouv.fr/labels?a=1&amp;b=2" TargetMode="External"`) {
		t.Errorf("rels:\n%s", rels)
	}
	if strings.Count(doc, `<w:hyperlink r:id="rIdLk1" w:history="1">`) != 3 {
		t.Errorf("the same URL must reuse its relationship:\n%s", doc)
	}
	if !strings.Contains(doc, `<w:rPr><w:rStyle w:val="Hyperlink"/><w:b/></w:rPr><w:t xml:space="preserve">&lt;gras&gt;</w:t>`) {
		t.Errorf("link run: Hyperlink style first, bold kept, colour dropped, text escaped:\n%s", doc)
	}
	if !strings.Contains(string(d.parts["word/styles.xml"]), `w:styleId="Hyperlink"`) {
		t.Error("Hyperlink style not added")
	}
	if !strings.Contains(string(d.parts["word/_rels/header1.xml.rels"]), relLink) {
		t.Error("header link relationship missing")
	}

	for _, bad := range []struct{ url, want string }{
		{"javascript:alert(1)", `only http, https and mailto links are allowed, not javascript`},
		{"file:///etc/passwd", `not file`},
		{"esante.gouv.fr", `has no scheme: write https://esante.gouv.fr`},
		{"https://", `has no host`},
	} {
		err := mustParse(t, spec{body: p(`Voir {{link .url "ici"}}`)}).Execute(new(bytes.Buffer), map[string]any{"url": bad.url})
		if err == nil || !strings.Contains(err.Error(), bad.want) || !strings.Contains(err.Error(), `« Voir {{link .url "ici"}} »`) {
			t.Errorf("%s: got %v, want %q and the action", bad.url, err, bad.want)
		}
	}
}

// TestImageErrors: what is not a picture, or too large, is refused with a
// message naming the action; the declared type is never trusted.
func TestImageErrors(t *testing.T) {
	logo := solid("png", 20, 10, red)
	big := append(append([]byte{}, logo...), make([]byte, 50<<20)...) // a PNG padded to 50 MB
	tmpl := mustParse(t, spec{body: p(`Logo {{image .x}}`)})
	for _, tc := range []struct {
		name string
		x    any
		want string
		is   error
	}{
		{"50 MB", big, "picture too large", ErrImageTooLarge},
		{"pixel bomb", pngHeader(100_000, 100_000), "100000×100000 pixels", ErrImageTooLarge},
		{"not a picture", []byte("%PDF-1.4 not a picture"), "is not a PNG, JPEG, GIF or SVG picture", nil},
		{"lying data URL", "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("<html>not a picture</html>")), "is not a PNG", nil},
		{"file without ImageFiles", "logo.png", "file names are read only from the files given to ExecuteWith", nil},
		{"SVG without fallback", []byte(svgLogo), "give a PNG fallback", nil},
		{"number", 42, "cannot make a picture of a int", nil},
		{"huge data URL", "data:image/png;base64," + strings.Repeat("A", 40<<20), "picture too large", ErrImageTooLarge},
	} {
		err := tmpl.Execute(new(bytes.Buffer), map[string]any{"x": tc.x})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "{{image .x}}") {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: errors.Is(%v) false", tc.name, tc.is)
		}
	}
	// A smaller limit applies.
	small := mustParse(t, spec{body: p(`Logo {{image .x}}`)}, WithLimits(Limits{MaxImageSize: 100}))
	if err := small.Execute(new(bytes.Buffer), map[string]any{"x": solid("png", 64, 64, color.RGBA{1, 2, 3, 255})}); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("MaxImageSize: %v", err)
	}
}

// TestImageFiles: file names in the data are read from the FS given to
// ExecuteWith, and only there; SVG pictures carry their PNG fallback.
func TestImageFiles(t *testing.T) {
	logo := solid("png", 20, 10, red)
	fsys := fstest.MapFS{
		"img/logo.png": {Data: logo},
		"logo.svg":     {Data: []byte(svgLogo)},
		"logo-fb.png":  {Data: logo},
	}
	tmpl := mustParse(t, spec{body: p(`Logo {{image .a}} {{image .b}}`)})
	var buf bytes.Buffer
	err := tmpl.ExecuteWith(&buf, map[string]any{"a": "./img/logo.png", "b": map[string]any{"src": "logo.svg", "fallback": "logo-fb.png", "alt": "SVG"}}, ImageFiles(fsys))
	if err != nil {
		t.Fatal(err)
	}
	d := openDocx(t, buf.Bytes())
	doc := string(d.parts["word/document.xml"])
	if !strings.Contains(doc, `<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rIdLk2"/>`) ||
		strings.Count(doc, `r:embed="rIdLk1"`) != 2 {
		t.Errorf("SVG with fallback:\n%s", doc)
	}
	if got := extents([]byte(doc)); strings.Join(got, " ") != "190500x95250 1143000x571500" {
		t.Errorf("extents %v", got)
	}
	for _, bad := range []string{"../secret.png", "/etc/passwd", "img/../../x.png"} {
		err := tmpl.ExecuteWith(new(bytes.Buffer), map[string]any{"a": bad, "b": nil}, ImageFiles(fsys))
		if err == nil || !strings.Contains(err.Error(), "must be relative and stay inside") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestPictureAltTextAction: the designer's picture is replaced at its size
// (fit inside, aspect kept); without data (AllowMissing) it stays as it is;
// a bad action in an alt text is reported at Parse.
func TestPictureAltTextAction(t *testing.T) {
	parts := imageParts(p("Avant") + `<w:p>` + altPicture("{{.company.logo}}") + `</w:p>`)
	tall := solid("png", 10, 40, red)
	d := mustExec(t, parseParts(t, parts, AllowMissing()), map[string]any{"company": map[string]any{"logo": Image{Data: tall, Alt: "Logo"}}})
	doc := string(d.parts["word/document.xml"])
	// 2×1 cm box, 1:4 picture: 0.25×1 cm.
	if got := extents([]byte(doc)); len(got) != 1 || got[0] != "90000x360000" || !strings.Contains(doc, `<a:ext cx="90000" cy="360000"/>`) {
		t.Errorf("extents %v:\n%s", got, doc)
	}
	if !strings.Contains(doc, `descr="Logo"`) || strings.Contains(doc, "rIdImg") {
		t.Errorf("picture not replaced:\n%s", doc)
	}
	d = mustExec(t, parseParts(t, parts, AllowMissing()), map[string]any{})
	if doc := string(d.parts["word/document.xml"]); !strings.Contains(doc, `r:embed="rIdImg"`) || !strings.Contains(doc, `cx="720000" cy="360000"`) {
		t.Errorf("template picture not kept:\n%s", doc)
	}
	if _, ok := d.parts["word/media/image1.png"]; !ok {
		t.Error("template picture's part lost")
	}
	// Without AllowMissing, the missing key is an error naming the alt text.
	err := parseParts(t, parts).Execute(new(bytes.Buffer), map[string]any{})
	if err == nil || !strings.Contains(err.Error(), `{{.company.logo}}: map has no entry for key "company"`) {
		t.Errorf("got %v", err)
	}
	bad := imageParts(`<w:p>` + altPicture("{{.logo | nofunc}}") + `</w:p>`)
	if _, err := Parse(bytes.NewReader(zipParts(t, bad)), int64(len(zipParts(t, bad)))); err == nil || !strings.Contains(err.Error(), `function "nofunc" not defined`) {
		t.Errorf("bad alt text action: %v", err)
	}
	if got := parseParts(t, parts).Fields(); strings.Join(got, " ") != ".company.logo" {
		t.Errorf("Fields = %v", got)
	}
}

// TestMediaRealClients: LibreOffice draws the 4 cm logo 4 cm wide (measured
// on the page image). The golden cases pictures and links go through the
// validator and LibreOffice with the others (TestRealClients).
func TestMediaRealClients(t *testing.T) {
	if testing.Short() && clienttest.Mode() != "require" {
		t.Skip("real clients are slow; skipped with -short")
	}
	clienttest.Need(t, "soffice", "pdftoppm")
	dir := t.TempDir()
	// One red 4 cm logo alone on a page: at 80 dpi, 4 cm is 126 pixels.
	logoDoc := filepath.Join(dir, "logo.docx")
	tmpl := mustParse(t, spec{body: p(`{{image .logo "4cm"}}`)})
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, map[string]any{"logo": solid("png", 200, 100, red)}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logoDoc, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pngPath := clienttest.PNG(t, logoDoc, 1)
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	minX, minY, maxX, maxY := 1<<30, 1<<30, -1, -1
	b := page.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := page.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 60 && bl>>8 < 60 {
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	w, h := maxX-minX+1, maxY-minY+1
	if w < 122 || w > 130 || h < 60 || h > 66 {
		t.Errorf("the 4×2 cm logo is drawn %d×%d pixels at 80 dpi, want about 126×63 (%s)", w, h, pngPath)
	}
}

var (
	fuzzImgOnce sync.Once
	fuzzImgTmpl *Template
)

// FuzzImage feeds arbitrary bytes (and the same as a data: URL, and as an
// SVG with a fallback) to image and to a template picture whose alt text is
// an action: the result is an error or a well-formed document whose
// pictures fit the column; never a panic.
func FuzzImage(f *testing.F) {
	for _, seed := range [][]byte{
		solid("png", 3, 2, red), solid("jpeg", 2, 3, blue), solid("gif", 1, 1, green), []byte(svgLogo),
		pngHeader(1, 1), pngHeader(0, 5), pngHeader(1<<31-1, 1), []byte("GIF89a\x01\x00\x01\x00"), []byte("\xff\xd8\xff"),
		[]byte(`<svg width="1e308" height="-3" viewBox="0 0 0 0"/>`), []byte(`<!DOCTYPE svg><svg/>`), nil,
	} {
		f.Add(seed, "4cm")
	}
	f.Add(solid("png", 3, 2, red), "50%")
	f.Fuzz(func(t *testing.T, data []byte, size string) {
		fuzzImgOnce.Do(func() {
			fuzzImgTmpl = parseParts(t, imageParts(p(`A {{image .b .size}} {{image .u}} {{image .s}}`)+`<w:p>`+altPicture("{{.b}}")+`</w:p>`), AllowMissing())
		})
		if !isLength(size) {
			size = "alt=" + size
		}
		in := map[string]any{
			"b": data, "size": size,
			"u": "data:;base64," + base64.StdEncoding.EncodeToString(data),
			"s": Image{Data: data, Fallback: solid("png", 1, 1, red)},
		}
		var buf bytes.Buffer
		if err := fuzzImgTmpl.Execute(&buf, in); err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		d := openDocx(t, buf.Bytes())
		for _, e := range extents(d.parts["word/document.xml"]) {
			var cx, cy int64
			fmt.Sscanf(e, "%dx%d", &cx, &cy)
			if cx < 1 || cy < 1 || cx > 5760720 {
				t.Fatalf("extent %s outside the column", e)
			}
		}
	})
}

// TestPictureBounds: a section in two columns halves the room; a very tall
// picture is bounded by the page's text height.
func TestPictureBounds(t *testing.T) {
	body := `<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:num="2" w:space="708"/></w:sectPr></w:pPr>` +
		tr(`{{image .wide}}`) + `</w:p>` + p(`{{image .tall}}`)
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"wide": solid("png", 2000, 100, green), "tall": solid("png", 10, 2000, blue)})
	// (9072 - 708) / 2 twips = 2655570 EMU; 14004 twips = 8892540 EMU high.
	if got := extents(d.parts["word/document.xml"]); strings.Join(got, " ") != "2655570x132778 44462x8892540" {
		t.Errorf("extents %v", got)
	}
}

// wordPicture is an anchored picture as Word 2016 writes it (wp14 ids, a
// creation id in the docPr, the alt text repeated in pic:cNvPr, a blip
// with Word's useLocalDpi extension), 5×2.5 cm, alt text action.
func wordPicture(action string) string {
	a := `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	return `<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251658240" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1" wp14:anchorId="2C6A2B1E" wp14:editId="5B1C1D33">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="1800000" cy="900000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>` +
		`<wp:docPr id="1" name="Image 1" descr="` + escapeAttr(action) + `"><a:extLst ` + a + `><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" id="{6A0F1C53-0D5E-4F4C-9B0E-6A3B1D2C8E11}"/></a:ext></a:extLst></wp:docPr>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks ` + a + ` noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic ` + a + `><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:nvPicPr><pic:cNvPr id="1" name="Image 1" descr="` + escapeAttr(action) + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="rIdImg" cstate="print"><a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}"><a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>` +
		`<wp14:sizeRelH relativeFrom="margin"><wp14:pctWidth>0</wp14:pctWidth></wp14:sizeRelH><wp14:sizeRelV relativeFrom="margin"><wp14:pctHeight>0</wp14:pctHeight></wp14:sizeRelV></wp:anchor></w:drawing></w:r>`
}

// wordPictureParts is a template with a Word-made anchored picture whose
// alt text is an action, inside a {{range}} (fresh drawing ids).
func wordPictureParts() map[string]string {
	parts := imageParts(p(`{{range .companies}}`) + `<w:p>` + tr(`Société {{.name}} `) + wordPicture("{{.logo}}") + `</w:p>` + p(`{{end}}`))
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:document ",
		`<w:document xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="wp14" `, 1)
	return parts
}

// TestWordAndLibreOfficePictures: pictures placed in Word (anchored, with
// Word's extensions, repeated by {{range}}) and in LibreOffice (a .docx
// LibreOffice 24 exported from a document whose picture description is
// {{.logo}}) are replaced; the alt text repeated in pic:cNvPr too.
func TestWordAndLibreOfficePictures(t *testing.T) {
	logo := solid("png", 200, 100, red)
	tall := solid("png", 100, 200, blue)
	d := mustExec(t, parseParts(t, wordPictureParts()), map[string]any{"companies": []any{
		map[string]any{"name": "A", "logo": Image{Data: logo, Alt: "Logo A"}},
		map[string]any{"name": "B", "logo": tall},
	}})
	doc := string(d.parts["word/document.xml"])
	if got := extents([]byte(doc)); strings.Join(got, " ") != "1800000x900000 450000x900000" {
		t.Errorf("extents %v", got)
	}
	if strings.Contains(doc, "rIdImg") || strings.Contains(doc, "{{") || strings.Count(doc, `descr="Logo A"`) != 2 {
		t.Errorf("pictures not replaced, or alt text left:\n%s", doc)
	}

	b, err := os.ReadFile("testdata/media/libreoffice-picture.docx")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	d = mustExec(t, tmpl, map[string]any{"logo": logo, "site": "https://esante.gouv.fr/", "photo": tall})
	doc = string(d.parts["word/document.xml"])
	// LibreOffice's 4×2 cm frame: 1440180×720090 EMU; the photo 3 cm wide.
	if got := extents([]byte(doc)); strings.Join(got, " ") != "1440180x720090 1080000x2160000" {
		t.Errorf("extents %v", got)
	}
	if strings.Contains(doc, "{{") || !strings.Contains(doc, `<w:hyperlink r:id="rIdLk`) {
		t.Errorf("LibreOffice template not filled:\n%s", doc)
	}
}
