package render

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/esante/labelkit/internal/tmplval"
)

// linkValue is what link returns: the escaper writes a w:hyperlink.
type linkValue struct {
	rID  string // "" when there is no target: the text alone
	text string
}

// link writes a hyperlink: link URL [TEXT]. The text defaults to the URL;
// an empty or missing URL prints the text alone. Only http, https and
// mailto targets are allowed.
func (st *execState) link(p *tpart, args []any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, fmt.Errorf("link: want a URL and a text ({{link .URL .Text}}), got %d arguments", len(args))
	}
	target, err := tmplval.String(args[0])
	if err != nil {
		return nil, fmt.Errorf("link: %w", err)
	}
	target = strings.TrimSpace(target)
	text := target
	if len(args) == 2 {
		if text, err = tmplval.String(args[1]); err != nil {
			return nil, fmt.Errorf("link: %w", err)
		}
		if text == "" {
			text = target
		}
	}
	if target == "" {
		return &linkValue{text: text}, nil
	}
	if err := checkLinkTarget(target); err != nil {
		return nil, err
	}
	return &linkValue{rID: st.relID(p, relLink, target, true), text: text}, nil
}

// checkLinkTarget allows http and https URLs with a host, and mailto
// addresses.
func checkLinkTarget(target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return fmt.Errorf("link: %q is not a valid URL: %v", target, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("link: %q has no host", target)
		}
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			return fmt.Errorf("link: %q has no address", target)
		}
	case "":
		return fmt.Errorf("link: %q has no scheme: write https://%s (only http, https and mailto links are allowed)", target, target)
	default:
		return fmt.Errorf("link: %q: only http, https and mailto links are allowed, not %s", target, u.Scheme)
	}
	for _, r := range target {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("link: %q holds a control character", target)
		}
	}
	return nil
}

// hyperlinkStyle is the character style link gives its runs, added to
// styles.xml when the template lacks it (Word's built-in look).
func hyperlinkStyle(w string) string {
	q := func(s string) string { return w + ":" + s }
	return `<` + q("style") + ` ` + q("type") + `="character" ` + q("styleId") + `="Hyperlink">` +
		`<` + q("name") + ` ` + q("val") + `="Hyperlink"/>` +
		`<` + q("uiPriority") + ` ` + q("val") + `="99"/><` + q("unhideWhenUsed") + `/>` +
		`<` + q("rPr") + `><` + q("color") + ` ` + q("val") + `="0563C1"/><` + q("u") + ` ` + q("val") + `="single"/></` + q("rPr") + `>` +
		`</` + q("style") + `>`
}

// addHyperlinkStyle returns styles.xml data with the Hyperlink character
// style, or data itself when it has one.
func addHyperlinkStyle(data []byte) ([]byte, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	w := "w"
	for _, a := range root.attrs(data) {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(data[a.valStart:a.valEnd]) == nsW {
			w = p
		}
	}
	for _, e := range root.children {
		if e.name == w+":style" {
			if id, _ := e.attr(data, w+":styleId"); id == "Hyperlink" {
				return data, nil
			}
		}
	}
	if root.empty {
		return nil, fmt.Errorf("no styles element content")
	}
	return splice(data, root.closeStart, root.closeStart, hyperlinkStyle(w)), nil
}
