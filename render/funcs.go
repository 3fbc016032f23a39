package render

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"text/template"

	"github.com/Masterminds/sprig/v3"
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
// minus removedSprig, "keys" made deterministic, and checkbox. Locale
// formatting (such as package frfuncs) comes in through [Funcs], as a
// user's functions do.
func baseFuncs() template.FuncMap {
	fm := sprig.HermeticTxtFuncMap()
	for _, name := range removedSprig {
		delete(fm, name)
	}
	fm["keys"] = sortedKeys
	fm["checkbox"] = checkbox
	fm["control"] = control
	// Bound to each execution (see execState.bind); these only let
	// templates parse.
	fm["image"] = func(args ...any) (any, error) { return nil, errUnbound }
	fm["link"] = func(args ...any) (any, error) { return nil, errUnbound }
	fm["_lk_pic"] = func(cx, cy int64, v any) (*picFill, error) { return nil, errUnbound }
	fm["_lk_picattr"] = picAttr
	for k, v := range revFuncs() {
		fm[k] = v
	}
	return fm
}

var errUnbound = errors.New("internal error: function not bound to the execution")

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

// indexFunc returns the template's index function: text/template's, except
// that a key missing from a map is the error {{.key}} gives ("map has no
// entry for key"), or, with AllowMissing, no value (printed as nothing,
// false in if; indexing it further gives no value either).
func indexFunc(allowMissing bool) func(reflect.Value, ...reflect.Value) (reflect.Value, error) {
	return func(item reflect.Value, keys ...reflect.Value) (reflect.Value, error) {
		item = indirectInterface(item)
		if !item.IsValid() {
			if allowMissing {
				return reflect.Value{}, nil
			}
			return reflect.Value{}, errors.New("index of untyped nil")
		}
		for _, key := range keys {
			key = indirectInterface(key)
			for item.Kind() == reflect.Pointer || item.Kind() == reflect.Interface {
				if item.IsNil() {
					return reflect.Value{}, errors.New("index of nil pointer")
				}
				item = item.Elem()
			}
			switch item.Kind() {
			case reflect.Array, reflect.Slice, reflect.String:
				var x int64
				switch {
				case key.CanInt():
					x = key.Int()
				case key.CanUint():
					x = int64(min(key.Uint(), math.MaxInt64))
				case !key.IsValid():
					return reflect.Value{}, errors.New("cannot index slice/array with nil")
				default:
					return reflect.Value{}, fmt.Errorf("cannot index slice/array with type %s", key.Type())
				}
				if x < 0 || x >= int64(item.Len()) {
					return reflect.Value{}, fmt.Errorf("index out of range: %d", x)
				}
				item = item.Index(int(x))
			case reflect.Map:
				kt := item.Type().Key()
				switch {
				case !key.IsValid():
					return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", kt)
				case key.Type().AssignableTo(kt):
				case key.CanInt() && (kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Uint64) && key.Type().ConvertibleTo(kt):
					key = key.Convert(kt)
				default:
					return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", key.Type(), kt)
				}
				x := item.MapIndex(key)
				if !x.IsValid() {
					if allowMissing {
						return reflect.Value{}, nil
					}
					if key.Kind() == reflect.String {
						return reflect.Value{}, fmt.Errorf(missingKeyMessage+"%q", key.String())
					}
					return reflect.Value{}, fmt.Errorf(missingKeyMessage+"%v", key)
				}
				item = x
			default:
				return reflect.Value{}, fmt.Errorf("can't index item of type %s", item.Type())
			}
		}
		return item, nil
	}
}

// indirectInterface returns the concrete value in an interface value, or
// the value itself.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		return v.Elem()
	}
	if v.Kind() == reflect.Interface {
		return reflect.Value{}
	}
	return v
}
