package render

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"

	"github.com/esante/labelkit/internal/frtext"
)

// removedSprig lists the functions of sprig's hermetic set that are still
// not a pure function of their arguments (clock, time zone, randomness, map
// order, operating system, cryptographic salts) and are therefore removed.
var removedSprig = []string{
	// clock and time zone
	"ago", "toDate", "mustToDate", "durationRound", "dateModify", "mustDateModify",
	"date_modify", "must_date_modify", "date", "date_in_zone", "dateInZone", "now",
	"htmlDate", "htmlDateInZone",
	// randomness
	"randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt",
	"shuffle", "uuidv4",
	// map iteration order
	"values",
	// operating system and environment
	"env", "expandenv", "getHostByName", "osBase", "osClean", "osDir", "osExt", "osIsAbs",
	// cryptography (random salts and keys)
	"bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA",
	"genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
	"genSignedCertWithKey", "encryptAES", "decryptAES",
}

// baseFuncs returns the functions every template gets: sprig's hermetic set
// minus removedSprig, "keys" made deterministic, and the document functions.
func baseFuncs() template.FuncMap {
	fm := sprig.HermeticTxtFuncMap()
	for _, name := range removedSprig {
		delete(fm, name)
	}
	fm["keys"] = sortedKeys
	fm["checkbox"] = checkbox
	fm["dateFR"] = dateFR
	fm["upperFR"] = upperFR
	fm["joinFR"] = joinFR
	return fm
}

// sortedKeys replaces sprig's keys (map order) with sorted keys.
func sortedKeys(dicts ...map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range dicts {
		for k := range d {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// checkbox renders a Word checkbox content control, ticked (☒) when v is
// true in the template sense (non-zero), else unticked (☐). Outside the text
// of a paragraph (in docProps/core.xml) it prints the glyph alone.
func checkbox(v any) checkboxValue {
	ok, _ := template.IsTrue(v)
	return checkboxValue(ok)
}

// dateFR writes a date the French way: « 1er juillet 2019 ». It accepts a
// time.Time (its own calendar date, whatever the time zone), a
// "YYYY-MM-DD" string, or any value with a Time() time.Time method. An empty
// string or a zero time prints nothing.
func dateFR(v any) (string, error) {
	var t time.Time
	switch x := v.(type) {
	case nil:
		return "", nil
	case time.Time:
		t = x
	case *time.Time:
		if x == nil {
			return "", nil
		}
		t = *x
	case string:
		if x == "" {
			return "", nil
		}
		var err error
		if t, err = time.Parse(time.DateOnly, x); err != nil {
			return "", fmt.Errorf("dateFR: %q is not a YYYY-MM-DD date", x)
		}
	case interface{ Time() time.Time }:
		t = x.Time()
	default:
		return "", fmt.Errorf("dateFR: cannot format a %T as a date", v)
	}
	if t.IsZero() {
		return "", nil
	}
	return frtext.Date(t.Year(), t.Month(), t.Day()), nil
}

// upperFR upper-cases s keeping its accents (« Société » → « SOCIÉTÉ »), as
// French typography wants for capitals; it does not depend on a locale.
func upperFR(s any) string {
	return strings.ToUpper(fmt.Sprint(s))
}

// joinFR joins a list the French way: « a », « a et b », « a, b et c ». It
// accepts a slice or array of any element type (each printed with fmt).
func joinFR(list any) (string, error) {
	if list == nil {
		return "", nil
	}
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return "", fmt.Errorf("joinFR: want a list, got %T", list)
	}
	items := make([]string, 0, rv.Len())
	for i := 0; i < rv.Len(); i++ {
		s, err := printable(rv.Index(i).Interface())
		if err != nil {
			return "", err
		}
		items = append(items, s)
	}
	switch len(items) {
	case 0:
		return "", nil
	case 1:
		return items[0], nil
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1], nil
}
