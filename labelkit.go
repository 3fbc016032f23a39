package labelkit

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/bufpool"
	"github.com/esante/labelkit/render"
	"github.com/esante/labelkit/templates"
)

// Option configures Render and RenderBlank.
type Option func(*config)

type config struct {
	tmpl *render.Template
	name string
	def  string // the function's own embedded template: what it renders
}

// customInfo is the Info of a template given with WithTemplate.
var customInfo = templates.Info{Name: "custom"}

// WithTemplate renders with t, a user's own template parsed by the caller
// ([render.ParseFile], [render.Parse], [render.ParseFS]), instead of the
// embedded default. It receives the same data as the default template (a
// Document's fields and methods); its Template field reads {Name:
// "custom"}. A nil t leaves the choice as it was. A template derived from
// the embedded ones uses their French functions (dateFR, eurosFR...): parse
// it with render.Funcs(frfuncs.FuncMap()).
func WithTemplate(t *render.Template) Option {
	return func(c *config) {
		if t != nil {
			c.tmpl, c.name = t, ""
		}
	}
}

// WithTemplateName renders with the embedded template called name (see
// templates.List). An unknown name makes Render fail with a
// *templates.UnknownError, a template of the other kind (the notification
// given to Render) with a *[TemplateKindError].
func WithTemplateName(name string) Option {
	return func(c *config) { c.tmpl, c.name = nil, name }
}

// newConfig applies opts to the configuration of a function whose own
// embedded template is def.
func newConfig(def string, opts []Option) config {
	cfg := config{name: def, def: def}
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// template returns the template to execute and its Info.
func (cfg config) template() (*render.Template, templates.Info, error) {
	if cfg.tmpl != nil {
		return cfg.tmpl, customInfo, nil
	}
	info, ok := templates.Lookup(cfg.name)
	if !ok {
		return nil, templates.Info{}, &templates.UnknownError{Name: cfg.name}
	}
	if notification := cfg.name == templates.NotificationName; notification != (cfg.def == templates.NotificationName) {
		return nil, templates.Info{}, &TemplateKindError{Name: cfg.name, Notification: notification}
	}
	t, err := templates.Get(cfg.name)
	return t, info, err
}

// TemplateKindError reports an embedded template given to a function that
// does not render its kind of document: the notification of changes to
// Render or RenderBlank, an agreement to RenderNotification. Their data
// differ ([Document], [Notification]).
type TemplateKindError struct {
	Name         string // the template's registry name
	Notification bool   // it renders the notification of changes (else an agreement)
}

func (e *TemplateKindError) Error() string {
	if e.Notification {
		return fmt.Sprintf("labelkit: template %q is the notification of changes: render it with RenderNotification", e.Name)
	}
	return fmt.Sprintf("labelkit: template %q is an agreement: render it with Render or RenderBlank", e.Name)
}

// ErrNilConvention is returned by Render for a nil convention.
var ErrNilConvention = errors.New("labelkit: nil convention (use RenderBlank for the blank form)")

// Render writes the agreement for c as a DOCX document to w.
//
// It never modifies c, so one convention may be rendered from several
// goroutines at once: it normalizes a copy ([convention.Convention.Clone],
// then Normalize: trimmed text, defaults), validates it and returns the
// validation error unchanged (a convention.Problems, so errors.As works)
// without writing anything to w. It then executes the
// template (the embedded default unless an Option picks another) with
// NewDocument(c). The document is built in memory and written to w only
// once complete: on any error, nothing reaches w.
func Render(w io.Writer, c *convention.Convention, opts ...Option) error {
	return RenderContext(context.Background(), w, c, opts...)
}

// RenderContext is Render within the time of ctx: executing the template
// stops when ctx is done, with an error wrapping ctx.Err() (see
// render.Template.ExecuteContext), and nothing reaches w.
func RenderContext(ctx context.Context, w io.Writer, c *convention.Convention, opts ...Option) error {
	if c == nil {
		return ErrNilConvention
	}
	c = c.Clone()
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	t, info, err := newConfig(templates.DefaultName, opts).template()
	if err != nil {
		return err
	}
	return execute(ctx, w, t, newDocument(c, info, convention.CanonicalNormalized).data())
}

// RenderBlank writes the official blank form as a DOCX document to w: the
// template executed with the zero convention and Blank set, so that blank
// lines, instructions in parentheses and unticked boxes appear where the
// candidate writes.
func RenderBlank(w io.Writer, opts ...Option) error {
	return renderBlankContext(context.Background(), w, opts)
}

// renderBlankContext is RenderBlank within ctx (for the tests' handback hook).
func renderBlankContext(ctx context.Context, w io.Writer, opts []Option) error {
	t, info, err := newConfig(templates.DefaultName, opts).template()
	if err != nil {
		return err
	}
	return execute(ctx, w, t, blankDocument(info).data())
}

func execute(ctx context.Context, w io.Writer, t *render.Template, doc any) error {
	buf := bufpool.Get() // the whole document, written to w once complete
	defer bufpool.Put(buf)
	if err := t.ExecuteContext(ctx, buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
