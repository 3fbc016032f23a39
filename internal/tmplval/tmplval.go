// Package tmplval formats values the way a template action prints them. It
// is shared by the render engine and the function packages that plug into
// it (frfuncs), so that a function prints its argument exactly as a plain
// action would.
package tmplval

import (
	"fmt"
	"reflect"
)

var (
	errorType    = reflect.TypeFor[error]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)

// String formats v the way text/template prints values, except that nil
// and a nil pointer print nothing.
func String(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil // what fmt.Sprint gives, without its buffer
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return "", nil // nil
	}
	for rv.Kind() == reflect.Pointer && !rv.Type().Implements(errorType) && !rv.Type().Implements(stringerType) {
		if rv.IsNil() {
			return "", nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Chan, reflect.Func:
		return "", fmt.Errorf("can't print value of type %s", rv.Type())
	}
	return fmt.Sprint(rv.Interface()), nil
}
