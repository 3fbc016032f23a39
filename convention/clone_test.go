package convention

import (
	"reflect"
	"testing"
)

// TestCloneSharesNothing fills every pointer and slice of a Convention (by
// reflection, so that a field added later is covered) and checks that the
// clone is equal but shares no memory with the original.
func TestCloneSharesNothing(t *testing.T) {
	var c Convention
	fill(reflect.ValueOf(&c).Elem())
	n := c.Clone()
	if !reflect.DeepEqual(&c, n) {
		t.Fatalf("clone differs:\n got %+v\nwant %+v", n, c)
	}
	shared(t, "Convention", reflect.ValueOf(c), reflect.ValueOf(*n))
	if (*Convention)(nil).Clone() != nil {
		t.Error("nil.Clone() is not nil")
	}
}

// fill gives every pointer a value and every slice one element, recursively.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString("x")
	}
}

// shared reports each pointer or slice that a and b share.
func shared(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the pointer", path)
		}
		shared(t, path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the slice", path)
		}
		for i := 0; i < a.Len(); i++ {
			shared(t, path+"[]", a.Index(i), b.Index(i))
		}
	case reflect.Map:
		t.Errorf("%s: a map field: teach Clone and this test to copy it", path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			shared(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
		}
	}
}
