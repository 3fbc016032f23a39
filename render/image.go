package render

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // image.DecodeConfig reads GIF headers
	_ "image/jpeg" // and JPEG
	_ "image/png"  // and PNG
	"io"
	"io/fs"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// Image is a picture given to {{image}} or to a template picture whose alt
// text is an action. Data holds the bytes of a PNG, JPEG, GIF or SVG file
// (the format is read from the bytes, never from a name); Src, when Data is
// empty, is a data: URL or a file name read from the files given to
// ExecuteWith (ImageFiles). An SVG picture needs Fallback, a PNG shown by
// clients that do not read SVG (Word 2013, LibreOffice). Alt is the
// alternative text read by screen readers.
type Image struct {
	Data     []byte
	Src      string
	Fallback []byte
	Alt      string
}

// EMU per unit: DrawingML lengths are English Metric Units.
const (
	emuPerCm    = 360000
	emuPerInch  = 914400
	emuPerPoint = 12700
	emuPerPixel = 9525 // at 96 dots per inch
	emuPerTwip  = 635
)

// Default image limits (see Limits).
const (
	defaultMaxImageSize   = 20 << 20
	defaultMaxImagePixels = 100_000_000
)

// ErrImageTooLarge is reported for a picture over Limits.MaxImageSize bytes
// or Limits.MaxImagePixels pixels.
var ErrImageTooLarge = errors.New("picture too large (see render.Limits)")

// imageValue is what image returns: the escaper writes an inline drawing,
// no wider than the column it stands in.
type imageValue struct {
	rID, svgRID string
	cx, cy      int64 // EMU
	id          int   // wp:docPr id
	alt         string
	pct         int64 // width in 1/10000 of the column, or 0
	pw, ph      int64 // size in pixels
}

// picture is a decoded picture: its bytes, format and size in pixels.
type picture struct {
	data, fallback []byte
	ext, ctype     string // of data
	w, h           int64  // pixels (SVG: CSS pixels)
	alt            string
}

// image inserts a picture: image VALUE [OPTIONS...]. VALUE is an Image,
// bytes, a data: URL or a file name (with ImageFiles), or a map with "src"
// (or "data"), "alt" and "fallback" keys as JSON data gives; nil or "" print
// nothing. Options: a width ("4cm", "40mm", "1.5in", "120pt", "300px",
// "50%" of the column), then optionally a height; the picture keeps its
// aspect ratio within them. "alt=TEXT" sets the alternative text.
func (st *execState) image(p *tpart, args []any) (any, error) {
	var val any
	var sizes []string
	alt, haveVal, haveAlt := "", false, false
	for _, a := range args {
		if s, ok := a.(string); ok && len(args) > 1 {
			if txt, ok := strings.CutPrefix(s, "alt="); ok {
				alt, haveAlt = txt, true
				continue
			}
			if isLength(s) {
				sizes = append(sizes, s)
				continue
			}
		}
		if haveVal {
			return nil, fmt.Errorf("image: two pictures given (%s and %s): give one, then options such as \"4cm\" or \"alt=Logo\"", describeArg(val), describeArg(a))
		}
		val, haveVal = a, true
	}
	if len(sizes) > 2 {
		return nil, fmt.Errorf("image: %d sizes given: give a width, and optionally a height", len(sizes))
	}
	pic, err := st.load(val)
	if err != nil || pic == nil {
		return nil, err
	}
	if haveAlt {
		pic.alt = alt
	}
	cx, cy := pic.w*emuPerPixel, pic.h*emuPerPixel
	pct := int64(0)
	if len(sizes) > 0 {
		bw, err := parseLength(sizes[0])
		if err != nil {
			return nil, err
		}
		bh := int64(math.MaxInt64 / 4)
		if len(sizes) == 2 {
			if bh, err = parseLength(sizes[1]); err != nil {
				return nil, err
			}
			if bh < 0 {
				return nil, fmt.Errorf("image: height %q: a percentage applies to the width only", sizes[1])
			}
		}
		if bw < 0 {
			pct = -bw // resolved by the escaper, which knows the column
			if len(sizes) == 2 {
				return nil, fmt.Errorf("image: %q: a percentage of the column takes no height (the aspect ratio is kept)", sizes[0])
			}
		} else {
			cx, cy = fit(pic.w, pic.h, bw, bh)
		}
	}
	v, err := st.place(p, pic, cx, cy)
	if v != nil {
		v.pct, v.pw, v.ph = pct, pic.w, pic.h
	}
	return v, err
}

// place registers pic's parts and relationships for part p.
func (st *execState) place(p *tpart, pic *picture, cx, cy int64) (*imageValue, error) {
	name, err := st.addMedia(pic.data, pic.ext, pic.ctype)
	if err != nil {
		return nil, err
	}
	v := &imageValue{cx: cx, cy: cy, alt: pic.alt}
	if pic.fallback != nil {
		fb, err := st.addMedia(pic.fallback, "png", "image/png")
		if err != nil {
			return nil, err
		}
		v.rID = st.relID(p, relImage, relTarget(p, fb), false)
		v.svgRID = st.relID(p, relImage, relTarget(p, name), false)
	} else {
		v.rID = st.relID(p, relImage, relTarget(p, name), false)
	}
	st.drawN++
	v.id = 1<<29 + st.drawN
	return v, nil
}

func describeArg(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			x = x[:37] + "..."
		}
		return strconv.Quote(x)
	case []byte:
		return fmt.Sprintf("%d bytes", len(x))
	}
	return fmt.Sprintf("a %T", v)
}

// fit returns the largest size with the aspect ratio of w×h pixels that
// fits in bw×bh EMU (integer arithmetic: the same on every platform).
func fit(w, h, bw, bh int64) (cx, cy int64) {
	if w <= 0 || h <= 0 {
		return bw, bh
	}
	cx, cy = bw, bw*h/w
	if cy > bh {
		cx, cy = bh*w/h, bh
	}
	return max(cx, 1), max(cy, 1)
}

var lengthUnits = map[string]float64{"cm": emuPerCm, "mm": emuPerCm / 10, "in": emuPerInch, "pt": emuPerPoint, "px": emuPerPixel}

// isLength reports whether s reads as a size option.
func isLength(s string) bool {
	_, err := parseLength(s)
	return err == nil
}

// parseLength reads "4cm", "40 mm", "1.5in", "120pt", "300px" as EMU; "50%"
// gives the negative per-ten-thousand -5000 (resolved against the column).
func parseLength(s string) (int64, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if num, ok := strings.CutSuffix(t, "%"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || f <= 0 || f > 100 || math.IsNaN(f) {
			return 0, fmt.Errorf("image: size %q: want a percentage of the column between 0 and 100", s)
		}
		return -int64(f*100 + 0.5), nil
	}
	for unit, emu := range lengthUnits {
		if num, ok := strings.CutSuffix(t, unit); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || f <= 0 || f > 1000 || math.IsNaN(f) {
				return 0, fmt.Errorf("image: size %q: want a positive length such as 4cm", s)
			}
			return int64(f*emu + 0.5), nil
		}
	}
	return 0, fmt.Errorf("image: size %q: want a length in cm, mm, in, pt or px, or a percentage", s)
}

// load turns an image value into a picture, or nil for no picture.
func (st *execState) load(v any) (*picture, error) {
	var img Image
	switch x := v.(type) {
	case nil:
		return nil, nil
	case Image:
		img = x
	case *Image:
		if x == nil {
			return nil, nil
		}
		img = *x
	case []byte:
		img.Data = x
	case string:
		img.Src = x
	case *imageValue:
		return nil, errors.New("image: the value is already a picture (from image): give the data")
	case map[string]any:
		for k, val := range x {
			s, _ := val.(string)
			switch k {
			case "src", "data":
				if b, ok := val.([]byte); ok {
					img.Data = b
				} else {
					img.Src = s
				}
			case "alt":
				img.Alt = s
			case "fallback":
				fb, err := st.bytesOf(s, "fallback")
				if err != nil {
					return nil, err
				}
				img.Fallback = fb
			}
		}
	default:
		return nil, fmt.Errorf("image: cannot make a picture of a %T: give bytes, a data: URL, a file name or a render.Image", v)
	}
	data := img.Data
	if len(data) == 0 {
		if strings.TrimSpace(img.Src) == "" {
			return nil, nil
		}
		var err error
		if data, err = st.bytesOf(img.Src, "picture"); err != nil {
			return nil, err
		}
	}
	pic, err := st.decode(data, img.Src)
	if err != nil {
		return nil, err
	}
	pic.alt = img.Alt
	if pic.ext == "svg" {
		if len(img.Fallback) == 0 {
			return nil, fmt.Errorf("image: %s is an SVG picture: give a PNG fallback too (render.Image Fallback, or \"fallback\" beside \"src\" in the data), shown by Word 2013 and LibreOffice", srcName(img.Src))
		}
		fb, err := st.decode(img.Fallback, "fallback")
		if err != nil {
			return nil, err
		}
		if fb.ext != "png" {
			return nil, fmt.Errorf("image: the fallback of an SVG picture must be a PNG, not %s", fb.ext)
		}
		pic.fallback = img.Fallback
	}
	return pic, nil
}

func srcName(src string) string {
	if src == "" || strings.HasPrefix(src, "data:") {
		return "the picture"
	}
	return strconv.Quote(src)
}

// bytesOf reads a data: URL, or a file from the files given to ExecuteWith.
func (st *execState) bytesOf(src, what string) ([]byte, error) {
	max := st.t.maxImage
	if rest, ok := strings.CutPrefix(src, "data:"); ok {
		meta, payload, ok := strings.Cut(rest, ",")
		if !ok {
			return nil, fmt.Errorf("image: malformed data: URL (no comma)")
		}
		if strings.HasSuffix(meta, ";base64") {
			if int64(base64.StdEncoding.DecodedLen(len(payload))) > max+2 {
				return nil, fmt.Errorf("image: %w: the data: URL holds more than %d bytes", ErrImageTooLarge, max)
			}
			payload = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
					return -1
				}
				return r
			}, payload)
			b, err := base64.StdEncoding.DecodeString(payload)
			if err != nil {
				if b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "=")); err != nil {
					return nil, fmt.Errorf("image: data: URL: bad base64: %v", err)
				}
			}
			return b, nil
		}
		if int64(len(payload)) > 3*max {
			return nil, fmt.Errorf("image: %w: the data: URL holds more than %d bytes", ErrImageTooLarge, max)
		}
		s, err := url.PathUnescape(payload)
		if err != nil {
			return nil, fmt.Errorf("image: data: URL: %v", err)
		}
		return []byte(s), nil
	}
	if st.files == nil {
		return nil, fmt.Errorf("image: %q: a %s given as text must be a data: URL; file names are read only from the files given to ExecuteWith (render.ImageFiles; labelkit fill: relative to the data file)", src, what)
	}
	name := path.Clean(strings.TrimPrefix(strings.ReplaceAll(src, `\`, "/"), "./"))
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("image: %q: file names must be relative and stay inside the data's folder", src)
	}
	f, err := st.files.Open(name)
	if err != nil {
		return nil, fmt.Errorf("image: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > max {
		return nil, fmt.Errorf("image: %s: %w: %d bytes, the limit is %d", src, ErrImageTooLarge, fi.Size(), max)
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("image: %s: %w", src, err)
	}
	return b, nil
}

// decode reads the picture's format and size from its header (never from a
// name or a declared type).
func (st *execState) decode(data []byte, src string) (*picture, error) {
	if int64(len(data)) > st.t.maxImage {
		return nil, fmt.Errorf("image: %s: %w: %d bytes, the limit is %d (Limits.MaxImageSize)", srcName(src), ErrImageTooLarge, len(data), st.t.maxImage)
	}
	pic := &picture{data: data}
	if w, h, ok := svgSize(data); ok {
		pic.ext, pic.ctype, pic.w, pic.h = "svg", "image/svg+xml", w, h
	} else {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("image: %s is not a PNG, JPEG, GIF or SVG picture (%v)", srcName(src), err)
		}
		pic.w, pic.h = int64(cfg.Width), int64(cfg.Height)
		switch format {
		case "png":
			pic.ext, pic.ctype = "png", "image/png"
		case "jpeg":
			pic.ext, pic.ctype = "jpeg", "image/jpeg"
		case "gif":
			pic.ext, pic.ctype = "gif", "image/gif"
		default:
			return nil, fmt.Errorf("image: %s is a %s picture: give PNG, JPEG, GIF or SVG", srcName(src), format)
		}
	}
	if pic.w <= 0 || pic.h <= 0 {
		return nil, fmt.Errorf("image: %s has no size (%d×%d pixels)", srcName(src), pic.w, pic.h)
	}
	if pic.w > st.t.maxPixels/pic.h {
		return nil, fmt.Errorf("image: %s: %w: %d×%d pixels, the limit is %d pixels (Limits.MaxImagePixels)", srcName(src), ErrImageTooLarge, pic.w, pic.h, st.t.maxPixels)
	}
	return pic, nil
}

// svgSize reads the size of an SVG document from its root element's width
// and height (or viewBox), in CSS pixels; ok is false if data is not SVG.
func svgSize(data []byte) (w, h int64, ok bool) {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<")) || !bytes.Contains(data[:min(len(data), 4096)], []byte("<svg")) {
		return 0, 0, false
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for range 64 { // the root comes after a few declarations and comments
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		if _, isDir := tok.(xml.Directive); isDir {
			return 0, 0, false // DOCTYPE: refused, as in templates
		}
		se, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, false
		}
		var vw, vh float64
		var width, height string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ' ' || r == ',' })
				if len(f) == 4 {
					vw, _ = strconv.ParseFloat(f[2], 64)
					vh, _ = strconv.ParseFloat(f[3], 64)
				}
			}
		}
		fw, fh := cssPixels(width), cssPixels(height)
		switch {
		case fw > 0 && fh > 0:
		case fw > 0 && vw > 0 && vh > 0:
			fh = fw * vh / vw
		case fh > 0 && vw > 0 && vh > 0:
			fw = fh * vw / vh
		case vw > 0 && vh > 0:
			fw, fh = vw, vh
		default:
			fw, fh = 300, 150 // the CSS default size of a replaced element
		}
		if fw > 1e6 || fh > 1e6 {
			return 0, 0, false
		}
		return max(int64(fw+0.5), 1), max(int64(fh+0.5), 1), true
	}
	return 0, 0, false
}

// cssPixels converts an SVG length to CSS pixels (0 if absent, a
// percentage or unreadable).
func cssPixels(s string) float64 {
	s = strings.TrimSpace(s)
	units := map[string]float64{"px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}
	mult := 1.0
	for u, m := range units {
		if num, ok := strings.CutSuffix(s, u); ok {
			s, mult = num, m
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f * mult
}

// drawing writes the inline picture v for the escaper context c, no wider
// than the context's column.
func drawing(c *escCtx, v *imageValue) string {
	cx, cy := v.cx, v.cy
	if v.pct > 0 && c.maxCX > 0 {
		cx, cy = fit(v.pw, v.ph, c.maxCX*v.pct/10000, math.MaxInt64/4)
	}
	if cx > c.maxCX && c.maxCX > 0 || cy > c.maxCY && c.maxCY > 0 {
		bw, bh := cx, cy
		if c.maxCX > 0 {
			bw = min(bw, c.maxCX)
		}
		if c.maxCY > 0 {
			bh = min(bh, c.maxCY)
		}
		cx, cy = fit(v.pw, v.ph, bw, bh)
	}
	cx, cy = max(cx, 1), max(cy, 1)
	w, wp, r := c.wp, c.wpd, c.r
	id := strconv.Itoa(v.id)
	ext := `cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"`
	var b strings.Builder
	b.WriteString("<" + w + ":r><" + w + ":drawing><" + wp + ":inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">")
	b.WriteString("<" + wp + ":extent " + ext + "/><" + wp + `:effectExtent l="0" t="0" r="0" b="0"/>`)
	b.WriteString("<" + wp + `:docPr id="` + id + `" name="Picture ` + id + `" descr="` + escapeAttr(v.alt) + `"/>`)
	b.WriteString("<" + wp + `:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="` + nsA + `" noChangeAspect="1"/></` + wp + ":cNvGraphicFramePr>")
	b.WriteString(`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsPic + `"><pic:pic xmlns:pic="` + nsPic + `">`)
	b.WriteString(`<pic:nvPicPr><pic:cNvPr id="0" name="Picture ` + id + `"/><pic:cNvPicPr/></pic:nvPicPr>`)
	b.WriteString(`<pic:blipFill>` + blip("a", r, v.rID, v.svgRID) + `<a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	b.WriteString(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`)
	b.WriteString(`</pic:pic></a:graphicData></a:graphic></` + wp + ":inline></" + w + ":drawing></" + w + ":r>")
	return b.String()
}

// blip writes an a:blip for relationship rID, with the SVG extension
// (Office 2016) when svgRID is set.
func blip(a, r, rID, svgRID string) string {
	if svgRID == "" {
		return "<" + a + ":blip " + r + `:embed="` + rID + `"/>`
	}
	return "<" + a + ":blip " + r + `:embed="` + rID + `"><` + a + ":extLst><" + a + `:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">` +
		`<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" ` + r + `:embed="` + svgRID + `"/>` +
		"</" + a + ":ext></" + a + ":extLst></" + a + ":blip>"
}
