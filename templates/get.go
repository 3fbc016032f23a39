package templates

import (
	"fmt"
	"sync"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/render"
)

// parsed caches the parsed embedded templates, one entry per registry name.
var parsed = func() map[string]*parsedTemplate {
	m := make(map[string]*parsedTemplate, len(registry))
	for _, in := range registry {
		m[in.Name] = &parsedTemplate{name: in.Name}
	}
	return m
}()

type parsedTemplate struct {
	name string
	once sync.Once
	t    *render.Template
	err  error
}

// Get returns the embedded template called name, parsed with the French
// functions of package frfuncs (dateFR, eurosFR...). It is parsed once,
// on first use, and then shared: a *render.Template is safe for concurrent
// use. An unknown name is an *UnknownError.
func Get(name string) (*render.Template, error) {
	p, ok := parsed[name]
	if !ok {
		return nil, &UnknownError{Name: name}
	}
	p.once.Do(func() {
		fsys, err := FS(p.name)
		if err != nil {
			p.err = err
			return
		}
		p.t, err = render.ParseFS(fsys, render.Funcs(frfuncs.FuncMap()))
		if err != nil {
			p.err = fmt.Errorf("templates: %s: %w", p.name, err)
		}
	})
	return p.t, p.err
}
