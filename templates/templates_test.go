package templates

import (
	"errors"
	"io/fs"
	"testing"
)

func TestRegistry(t *testing.T) {
	list := List()
	if len(list) == 0 || list[0].Name != DefaultName {
		t.Fatalf("List() = %v", list)
	}
	in, ok := Lookup(DefaultName)
	if !ok || in.Version != "4.0.2" || in.Title == "" {
		t.Fatalf("Lookup(%q) = %v, %v", DefaultName, in, ok)
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup of an unknown name succeeded")
	}
	for _, in := range list {
		fsys, err := FS(in.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml"} {
			if _, err := fs.Stat(fsys, part); err != nil {
				t.Errorf("%s: %v", in.Name, err)
			}
		}
	}
	_, err := FS("nope")
	var ue *UnknownError
	if !errors.As(err, &ue) || ue.Name != "nope" {
		t.Fatalf("FS(nope) error = %v", err)
	}
	if got := err.Error(); got != `templates: unknown template "nope" (known: centres-sante-v2, notification-modification)` {
		t.Errorf("message: %s", got)
	}
}

func TestGet(t *testing.T) {
	for _, in := range List() {
		t1, err := Get(in.Name)
		if err != nil {
			t.Fatalf("Get(%q): %v", in.Name, err)
		}
		t2, _ := Get(in.Name)
		if t1 != t2 {
			t.Error("Get parsed the template twice")
		}
	}
	if _, err := Get("nope"); err == nil {
		t.Error("Get(nope) succeeded")
	}
}
