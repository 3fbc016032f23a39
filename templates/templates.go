package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

// DefaultName is the registry name of the default template: the agreement
// « Convention relative aux conditions d'utilisation du label e-santé Logiciel
// Centres de santé » V2, version 4.0.2.
const DefaultName = "centres-sante-v2"

// Info describes one embedded template.
type Info struct {
	Name    string // registry name, e.g. "centres-sante-v2"
	Title   string // title of the agreement
	Version string // version of the agreement's official text, e.g. "4.0.2"
}

// NotificationName is the registry name of the notification of changes of
// a labelled solution (article 4.3.1 of the agreement), which
// labelkit.RenderNotification executes with a labelkit.Notification.
const NotificationName = "notification-modification"

//go:embed all:centres-sante-v2 all:notification-modification
var embedded embed.FS

// registry lists the embedded templates; each one's parts live in the folder
// of the same name.
var registry = []Info{
	{
		Name:    DefaultName,
		Title:   "Convention relative aux conditions d’utilisation du label « e-santé Logiciel Centres de santé » V2",
		Version: "4.0.2",
	},
	{
		Name:    NotificationName,
		Title:   "Notification des modifications d’une solution labellisée (article 4.3.1 de la convention)",
		Version: "4.0.2",
	},
}

// List returns the embedded templates, sorted by name.
func List() []Info {
	out := append([]Info(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the embedded template called name.
func Lookup(name string) (Info, bool) {
	for _, in := range registry {
		if in.Name == name {
			return in, true
		}
	}
	return Info{}, false
}

// FS returns the unpacked parts of the embedded template called name, rooted
// at the package root ("[Content_Types].xml", "word/document.xml", ...).
func FS(name string) (fs.FS, error) {
	if _, ok := Lookup(name); !ok {
		return nil, &UnknownError{Name: name}
	}
	sub, err := fs.Sub(embedded, name)
	if err != nil {
		return nil, err
	}
	return withDeflated(name, sub), nil
}

// UnknownError reports a template name that is not in the registry.
type UnknownError struct {
	Name string
}

// Error implements the error interface; it lists the known names.
func (e *UnknownError) Error() string {
	names := ""
	for i, in := range List() {
		if i > 0 {
			names += ", "
		}
		names += in.Name
	}
	return fmt.Sprintf("templates: unknown template %q (known: %s)", e.Name, names)
}
