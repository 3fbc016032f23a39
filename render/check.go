package render

import (
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"
)

// checkActions parses each action alone (with the context it needs) to
// report every syntax error, not only the first one.
func (c *compiler) checkActions(funcs template.FuncMap) {
	// Variables may be declared in another paragraph: declare them all.
	var decls strings.Builder
	seen := map[string]bool{}
	for _, a := range c.acts {
		if !strings.Contains(a.body(), ":=") {
			continue
		}
		for _, m := range varDeclRE().FindAllStringSubmatch(a.body(), -1) {
			for _, v := range m[1:] {
				if v != "" && !seen[v] {
					seen[v] = true
					fmt.Fprintf(&decls, "{{%s := 0}}", v)
				}
			}
		}
	}
	pre := decls.String()
	srcs := make([]string, len(c.acts))
	var all strings.Builder
	all.WriteString(pre)
	for i, a := range c.acts {
		var src string
		switch a.kind {
		case kindPrint, kindSilent:
			src = a.src
			if a.keyword == "break" || a.keyword == "continue" {
				src = "{{range .}}" + a.src + "{{end}}"
			}
		case kindOpen:
			src = a.src + "{{end}}"
		case kindElse:
			if strings.HasPrefix(a.body(), "else with") || strings.HasPrefix(strings.Join(strings.Fields(a.body()), " "), "else with") {
				src = "{{with 1}}" + a.src + "{{end}}"
			} else {
				src = "{{if 1}}" + a.src + "{{end}}"
			}
		case kindEnd:
			src = "{{if 1}}" + a.src
		default:
			continue
		}
		srcs[i] = src
		all.WriteString(src)
	}
	// Each source closes what it opens: when they all parse as one, each
	// parses alone. Otherwise each is parsed alone, for its own message.
	if _, err := parse.Parse("x", all.String(), "{{", "}}", funcs, builtinNames); err == nil {
		return
	}
	for i, a := range c.acts {
		if srcs[i] == "" {
			continue
		}
		if _, err := parse.Parse("x", pre+srcs[i], "{{", "}}", funcs, builtinNames); err != nil {
			c.errorAt(a, nil, "%s", cleanParseError(err))
		}
	}
}

var varDeclRE = lazyRegexp(`(\$[\p{L}\p{Nd}_]+)\s*(?:,\s*(\$[\p{L}\p{Nd}_]+)\s*)?:=`)

// builtinNames lists text/template's predefined functions for parse.Parse.
var builtinNames = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// cleanParseError drops text/template's "template: name:line:" prefix,
// which names the compiled source, not the document.
func cleanParseError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "template: ")
	// name:line: or name:line:col:
	for range 3 {
		i := strings.IndexByte(msg, ':')
		if i < 0 {
			break
		}
		head := msg[:i]
		if head == "x" || head == "" || isDigits(head) {
			msg = strings.TrimPrefix(msg[i+1:], " ")
			continue
		}
		break
	}
	return msg
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
