// Package handback lets tests see which template parts the render engine
// executes with text/template instead of its direct executor (render's
// direct.go): the embedded templates are meant never to need it.
package handback

import "context"

type key struct{}

// With returns ctx carrying f, which an execution under ctx calls with the
// name of each part it executes with text/template.
func With(ctx context.Context, f func(part string)) context.Context {
	return context.WithValue(ctx, key{}, f)
}

// Report calls the function ctx carries, if any, with part.
func Report(ctx context.Context, part string) {
	if f, ok := ctx.Value(key{}).(func(string)); ok {
		f(part)
	}
}
