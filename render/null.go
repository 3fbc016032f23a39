package render

// null stands for a JSON null inside a list of objects when AllowMissing
// is set: a nil map, so that its fields are missing (printed as nothing)
// and it is false in {{if}}, where a nil interface would stop
// text/template with a nil-pointer error.
type null map[string]any

// maxNullDepth bounds the walk of nullsAsMissing (a map may hold itself).
const maxNullDepth = 1000

// nullsAsMissing returns data with its JSON nulls (nil values of
// map[string]any and []any, as encoding/json decodes null) made missing: a
// map entry whose value is nil is left out, a nil item of a list of objects
// becomes a null (an object without keys). A nil item of another list stays
// nil, which functions such as joinFR skip.
// The caller's data is never modified: only the maps and lists on the way
// to a null are copied, and data without nulls is returned as it is.
func nullsAsMissing(data any) any {
	out, _ := dropNulls(data, 0)
	return out
}

func dropNulls(v any, depth int) (any, bool) {
	if depth > maxNullDepth {
		return v, false
	}
	switch x := v.(type) {
	case map[string]any:
		var m map[string]any
		for k, e := range x {
			ne, changed := e, e == nil
			if !changed {
				ne, changed = dropNulls(e, depth+1)
			}
			if !changed {
				continue
			}
			if m == nil {
				m = make(map[string]any, len(x))
				for k2, e2 := range x {
					m[k2] = e2
				}
			}
			if ne == nil {
				delete(m, k)
			} else {
				m[k] = ne
			}
		}
		if m == nil {
			return v, false
		}
		return m, true
	case []any:
		records := false
		for _, e := range x {
			if _, ok := e.(map[string]any); ok {
				records = true
			} else if e != nil {
				records = false
				break
			}
		}
		var s []any
		for i, e := range x {
			var ne any = null(nil)
			changed := e == nil && records
			if e != nil {
				ne, changed = dropNulls(e, depth+1)
			}
			if !changed {
				continue
			}
			if s == nil {
				s = append([]any(nil), x...)
			}
			s[i] = ne
		}
		if s == nil {
			return v, false
		}
		return s, true
	}
	return v, false
}
