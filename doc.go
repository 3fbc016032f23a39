// Package labelkit produces the French digital-health agency's agreement
// « Convention relative aux conditions d'utilisation du label e-santé Logiciel
// Centres de santé » V2 (version 4.0.2, 1 July 2019) as a DOCX document, from
// typed data.
//
// The toolkit has three layers, each usable on its own:
//
//   - package convention: the agreement as typed Go structs, strict TOML/JSON
//     decoding and validation that reports every problem at once;
//   - package render: a generic DOCX template engine (Go text/template actions
//     typed in a real Word document), parsed once and executed many times;
//   - package templates: the embedded agreement templates.
//
// This package joins them in one call for embedders.
//
// # Rendering an agreement
//
// Load and validate the candidate's data, then render the agreement with the
// embedded template (see package templates):
//
//	c, err := convention.LoadFile("candidat.toml")
//	if err != nil {
//		return err // every decoding problem, with file, line and key
//	}
//	var buf bytes.Buffer
//	if err := labelkit.Render(&buf, c); err != nil {
//		return err // a convention.Problems when the data is invalid
//	}
//
// Render normalizes a copy of c (c itself is never modified, so it may be
// rendered from several goroutines), validates it and writes nothing when
// it is invalid; the validation error is returned unchanged, so errors.As
// with a convention.Problems target lists every problem. RenderBlank writes the
// official blank form instead.
//
// Options pick another template: WithTemplateName for another embedded one,
// WithTemplate for a user's own .docx parsed with render.ParseFile (with
// render.Funcs(frfuncs.FuncMap()) for the French functions). A user's
// template receives a Document: the convention's fields ({{.Company.Name}},
// {{.Solution.ProfessionOptions}}, ...) and methods ({{.SignatureDate}}),
// plus .Blank, .Template and .InputSHA256. NewDocument builds the same value
// for those who execute a render.Template themselves.
//
// Output is deterministic: the same data and template give the same bytes
// (no clock: the document's dates are the signature date, or 1 July 2019).
package labelkit
