// Package frfuncs holds French formatting functions for templates: dates
// (« 1er juillet 2019 »), numbers and amounts (« 1 234,50 € »), lists
// (« a, b et c ») and upper case keeping accents. They plug into the
// template engine through the same extension point as a user's functions:
//
//	t, err := render.ParseFile("modele.docx", render.Funcs(frfuncs.FuncMap()))
//
// The embedded templates and the labelkit command (render, fill, vars) use
// them. Nothing here depends on the process locale, the clock or the
// environment.
package frfuncs

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/esante/labelkit/internal/frtext"
	"github.com/esante/labelkit/internal/tmplval"
)

// FuncMap returns the French functions by their template names, a new map
// at each call:
//
//   - dateFR v: « 1er juillet 2019 »; v is a time.Time, a "YYYY-MM-DD" or
//     RFC 3339 string (its own calendar date) or any value with a Time()
//     time.Time method.
//   - upperFR s: upper case keeping accents (« SOCIÉTÉ »), locale-free.
//   - joinFR list: « a, b et c »; items that print nothing (nil, "") are
//     left out.
//   - numberFR decimals n: « 179 942,50 » (no-break spaces between digit
//     groups, decimal comma); n is any Go number (or pointer to one), a
//     json.Number or a numeric string; written-out decimals are rounded
//     exactly, halves away from zero, with every digit kept; NaN and
//     infinities are errors. In a pipeline: {{.amount | numberFR 2}}.
//   - eurosFR n: « 1 234,50 € ».
func FuncMap() template.FuncMap {
	return template.FuncMap{
		"dateFR":   dateFR,
		"upperFR":  upperFR,
		"joinFR":   joinFR,
		"numberFR": numberFR,
		"eurosFR":  eurosFR,
	}
}

// dateFR writes a date the French way: « 1er juillet 2019 ». It accepts a
// time.Time (its own calendar date, whatever the time zone), a
// "YYYY-MM-DD" string or an RFC 3339 date-time string such as JSON data
// holds ("2019-07-01T23:30:00-05:00": its own calendar date, 1 July), or any
// value with a Time() time.Time method. An empty
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
			// JSON data often holds RFC 3339 date-times: their own
			// calendar date, whatever the offset.
			if t, err = time.Parse(time.RFC3339, x); err != nil {
				return "", fmt.Errorf("dateFR: %q is not a YYYY-MM-DD date (or an RFC 3339 date-time)", x)
			}
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
// French typography wants for capitals; it does not depend on a locale. s
// is printed as an action prints it: nil (a missing key with AllowMissing)
// and nil pointers print nothing.
func upperFR(s any) (string, error) {
	str, err := tmplval.String(s)
	return strings.ToUpper(str), err
}

// joinFR joins a list the French way: « a », « a et b », « a, b et c ». It
// accepts a slice or array of any element type (each printed with fmt);
// items that print nothing (nil, nil pointers, empty strings) are left out.
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
		s, err := tmplval.String(rv.Index(i).Interface())
		if err != nil {
			return "", err
		}
		if s != "" {
			items = append(items, s)
		}
	}
	switch len(items) {
	case 0:
		return "", nil
	case 1:
		return items[0], nil
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1], nil
}

// nbsp is the no-break space French typography puts between digit groups and
// before the euro sign.
const nbsp = "\u00a0"

// numberFR writes a number the French way with the given number of
// decimals: numberFR 2 179942.5 gives « 179 942,50 » (digit groups
// separated by no-break spaces, decimal comma). The number may be any Go
// integer or float (or a pointer to one: nil prints nothing), a json.Number
// or a numeric string. Decimal numbers written out (json.Number, strings)
// are rounded exactly, halves away from zero, whatever their length; a
// value that rounds to zero has no minus sign. NaN and infinities are
// errors. In a pipeline: {{.amount | numberFR 2}}.
func numberFR(decimals int, v any) (string, error) {
	if decimals < 0 || decimals > 12 {
		return "", fmt.Errorf("numberFR: %d decimals: want 0 to 12", decimals)
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "", nil
		}
		rv = rv.Elem()
		v = rv.Interface()
	}
	var s string
	switch {
	case v == nil:
		return "", nil
	case rv.CanInt():
		s = strconv.FormatInt(rv.Int(), 10)
		if decimals > 0 {
			s += "." + strings.Repeat("0", decimals)
		}
	case rv.CanUint():
		s = strconv.FormatUint(rv.Uint(), 10)
		if decimals > 0 {
			s += "." + strings.Repeat("0", decimals)
		}
	case rv.CanFloat():
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return "", fmt.Errorf("numberFR: %v is not a finite number", f)
		}
		s = strconv.FormatFloat(f, 'f', decimals, 64)
	default:
		var str string
		switch x := v.(type) {
		case json.Number:
			str = x.String()
		case string:
			str = strings.TrimSpace(x)
		default:
			return "", fmt.Errorf("numberFR: %T is not a number", v)
		}
		if str == "" {
			return "", nil
		}
		var err error
		if s, err = roundDecimal(str, decimals); err != nil {
			return "", err
		}
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		s = s[1:]
		if strings.Trim(s, "0.") != "" {
			sign = "-"
		}
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(",")
		b.WriteString(frac)
	}
	return b.String(), nil
}

// plainDecimal matches a number written out without exponent.
var plainDecimal = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]*)?$|^[+-]?\.[0-9]+$`)

// roundDecimal formats the number str with the given decimals ("-1234.50"
// style). A plain decimal is rounded exactly, on its digits, so that long
// integers keep every digit (in time linear in its length: math/big took 30
// CPU-seconds for 4 million digits); other forms (exponents) go through
// float64.
func roundDecimal(str string, decimals int) (string, error) {
	if plainDecimal.MatchString(str) {
		return roundDigits(str, decimals), nil
	}
	f, err := strconv.ParseFloat(str, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("numberFR: %q is not a number", str)
	}
	return strconv.FormatFloat(f, 'f', decimals, 64), nil
}

// roundDigits rounds the plain decimal str (plainDecimal) to the given
// decimals, halves away from zero.
func roundDigits(str string, decimals int) string {
	sign := ""
	switch str[0] {
	case '-':
		sign, str = "-", str[1:]
	case '+':
		str = str[1:]
	}
	intPart, frac, _ := strings.Cut(str, ".")
	intPart = strings.TrimLeft(intPart, "0")
	up := len(frac) > decimals && frac[decimals] >= '5'
	if len(frac) > decimals {
		frac = frac[:decimals]
	}
	digits := []byte("0" + intPart + frac + strings.Repeat("0", decimals-len(frac)))
	if up {
		i := len(digits) - 1
		for digits[i] == '9' {
			digits[i] = '0'
			i--
		}
		digits[i]++ // the leading "0" stops the carry
	}
	point := len(digits) - decimals
	whole := strings.TrimLeft(string(digits[:point]), "0")
	if whole == "" {
		whole = "0"
	}
	if decimals == 0 {
		return sign + whole
	}
	return sign + whole + "." + string(digits[point:])
}

// eurosFR writes an amount in euros: eurosFR 1234.5 gives « 1 234,50 € »
// (two decimals, no-break spaces).
func eurosFR(v any) (string, error) {
	s, err := numberFR(2, v)
	if err != nil || s == "" {
		return s, err
	}
	return s + nbsp + "€", nil
}
