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
package labelkit
