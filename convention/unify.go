package convention

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// unifier copies a generic tree (from TOML or JSON) into a Convention,
// collecting every unknown key and every wrong type instead of stopping at
// the first, each with its key path. Enumerations are plain strings here:
// their values are checked by Validate.
type unifier struct {
	format   Format
	problems *bounded
}

var (
	dateType    = reflect.TypeFor[Date]()
	datePtrType = reflect.TypeFor[*Date]()
)

func (u *unifier) add(path string, code Code, msg phrase) {
	u.problems.add(problem(path, code, msg))
}

func (u *unifier) typeError(path string, want phrase, data any) {
	if u.problems.full() {
		u.problems.dropped++
		return
	}
	u.add(path, CodeType, fr("type incorrect : %s, mais la valeur donnée est %s", want, describe(data, u.format)))
}

// unify sets rv from data. A JSON null (nil data) leaves rv at its zero
// value, as if the key were absent.
func (u *unifier) unify(path string, data any, rv reflect.Value) {
	if data == nil {
		return
	}
	t := rv.Type()
	switch {
	case t == datePtrType || t == dateType:
		if data == "" {
			return // a blank date is no date, as in the agreement's blank line
		}
		d, err := u.date(data)
		if err != nil {
			u.add(path, CodeDate, phraseOf(err))
			return
		}
		if t == datePtrType {
			rv.Set(reflect.ValueOf(&d))
		} else {
			rv.Set(reflect.ValueOf(d))
		}
		return
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			u.typeError(path, u.wantTable(path), data)
			return
		}
		nv := reflect.New(t.Elem())
		u.table(path, m, nv.Elem())
		rv.Set(nv)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			u.typeError(path, u.wantTable(path), data)
			return
		}
		u.table(path, m, rv)
	case reflect.String:
		s, ok := data.(string)
		if !ok {
			u.typeError(path, fr("du texte entre guillemets est attendu"), data)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			u.typeError(path, fr("true ou false est attendu (sans guillemets)"), data)
			return
		}
		rv.SetBool(b)
	case reflect.Int:
		var n int64
		var ok bool
		switch d := data.(type) {
		case int64:
			n, ok = d, true
		case json.Number:
			i, err := strconv.ParseInt(string(d), 10, 64)
			n, ok = i, err == nil
		}
		if !ok {
			u.typeError(path, fr("un nombre entier est attendu (sans guillemets)"), data)
			return
		}
		if rv.OverflowInt(n) {
			u.add(path, CodeRange, fr("nombre trop grand"))
			return
		}
		rv.SetInt(n)
	case reflect.Slice:
		list, ok := toList(data)
		if !ok {
			if t.Elem().Kind() == reflect.Struct {
				u.typeError(path, u.wantTableList(path), data)
			} else {
				u.typeError(path, fr(`une liste est attendue, par exemple ["premier", "second"]`), data)
			}
			return
		}
		sv := reflect.MakeSlice(t, len(list), len(list))
		for i, item := range list {
			ipath := path + "[" + strconv.Itoa(i) + "]"
			if item == nil && t.Elem().Kind() == reflect.String {
				u.typeError(ipath, fr("du texte entre guillemets est attendu"), item)
				continue
			}
			u.unify(ipath, item, sv.Index(i))
		}
		rv.Set(sv)
	default:
		panic("convention: unify: unexpected field type " + t.String())
	}
}

// table fills the struct rv from m: known keys in field order, then one
// problem per unknown key.
func (u *unifier) table(path string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	var names []string
	for i := 0; i < t.NumField(); i++ {
		name := tagName(t.Field(i))
		if name == "" {
			continue
		}
		names = append(names, name)
		if data, ok := m[name]; ok {
			u.unify(joinPath(path, name), data, rv.Field(i))
		}
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		if u.problems.full() {
			u.problems.dropped++
			continue
		}
		u.add(joinPath(path, k), CodeUnknownKey, u.unknownKeyMessage(path, k, names))
	}
}

func (u *unifier) unknownKeyMessage(path, k string, names []string) phrase {
	if s := suggest(k, names); s != "" {
		return fr("clé inconnue « %s » : vouliez-vous dire « %s » ? Corrigez son nom ou retirez-la", k, s)
	}
	where := fr("au premier niveau")
	if path != "" {
		where = fr("dans %s", u.tableName(path))
	}
	// The classic TOML slip: a key written after a sub-table's header
	// belongs to that sub-table.
	var homes []string
	for _, fk := range allKeys {
		if lastKey(fk) == k && parentPath(fk) != stripIndexes(path) {
			homes = append(homes, parentPath(fk))
		}
	}
	if len(homes) == 1 {
		home := fr("au premier niveau")
		if homes[0] != "" {
			home = fr("dans %s", u.tableName(homes[0]))
		}
		if u.format == TOML {
			return fr("clé inconnue « %s » %s : cette clé va %s ; en TOML, une clé écrite après un en-tête [table] appartient à cette table : placez-la avant l'en-tête", k, where, home)
		}
		return fr("clé inconnue « %s » %s : cette clé va %s", k, where, home)
	}
	return fr("clé inconnue « %s » : retirez-la ou corrigez son nom ; clés possibles %s : %s", k, where, strings.Join(names, ", "))
}

// allKeys lists every key path of the format, list items without indexes
// ("annexes.title").
var allKeys = formatKeys(reflect.TypeFor[Convention](), "")

// formatKeys lists the key paths of the struct type t under prefix.
func formatKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		name := tagName(t.Field(i))
		if name == "" {
			continue
		}
		path := joinPath(prefix, name)
		keys = append(keys, path)
		ft := t.Field(i).Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != dateType {
			keys = append(keys, formatKeys(ft, path)...)
		}
	}
	return keys
}

// tagName is the input-format key of a struct field.
func tagName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		name = f.Name
	}
	return name
}

func (u *unifier) tableName(path string) phrase {
	if u.format == JSON {
		return fr("l'objet « %s »", path)
	}
	if strings.HasSuffix(path, "]") || path == "annexes" {
		return fr("[[%s]]", stripIndexes(path))
	}
	return fr("[%s]", path)
}

func (u *unifier) wantTable(path string) phrase {
	if u.format == JSON {
		return fr("un objet { … } est attendu")
	}
	return fr("une table est attendue ([%s] ou %s = { … })", stripIndexes(path), lastKey(path))
}

func (u *unifier) wantTableList(path string) phrase {
	if u.format == JSON {
		return fr("une liste d'objets [{ … }, { … }] est attendue")
	}
	return fr("une liste de tables est attendue ([[%s]], une par élément)", stripIndexes(path))
}

func stripIndexes(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lastKey(path string) string {
	p := stripIndexes(path)
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func toList(data any) ([]any, bool) {
	switch d := data.(type) {
	case []any:
		return d, true
	case []map[string]any:
		l := make([]any, len(d))
		for i, m := range d {
			l[i] = m
		}
		return l, true
	}
	return nil, false
}

func (u *unifier) date(data any) (Date, error) {
	if u.format == TOML {
		return dateFromTOML(data)
	}
	s, ok := data.(string)
	if !ok {
		return Date{}, errorf("une date est attendue entre guillemets, au format \"AAAA-MM-JJ\" (par exemple \"2026-12-01\"), mais la valeur donnée est %s", describe(data, u.format))
	}
	return ParseDate(s)
}

// describe names the type of a decoded value, with the value itself when
// it is short.
func describe(v any, f Format) phrase {
	switch v := v.(type) {
	case nil:
		return fr("null")
	case string:
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return fr("du texte (%s)", strconv.Quote(v))
	case bool:
		return fr("un booléen (%s)", strconv.FormatBool(v))
	case int64:
		return fr("un nombre entier (%s)", strconv.FormatInt(v, 10))
	case float64:
		return fr("un nombre décimal (%s)", strconv.FormatFloat(v, 'g', -1, 64))
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return fr("un nombre entier (%s)", string(v))
		}
		return fr("un nombre (%s)", string(v))
	case time.Time:
		return fr("une date ou une heure TOML")
	case map[string]any:
		if f == JSON {
			return fr("un objet")
		}
		return fr("une table")
	case []any, []map[string]any:
		return fr("une liste")
	}
	return fr("une valeur de type %s", fmt.Sprintf("%T", v))
}
