// Package convention is the typed model of the agreement « Convention
// relative aux conditions d'utilisation du label e-santé Logiciel Centres de
// santé » V2 (version 4.0.2 du 1er juillet 2019): what a candidate fills in,
// read strictly from TOML or JSON, normalized and validated.
//
// # Input
//
// The input format is the same in TOML and JSON: snake_case keys given by
// the struct tags of Convention (see FORMAT.md beside this file, and
// Starter for a commented file with every key).
//
//	c, err := convention.LoadFile("candidat.toml") // or Decode(r, convention.JSON), LoadFS(fsys, name)
//	if err != nil {
//		return err // Problems: syntax error, or every unknown key and wrong type
//	}
//	if err := c.Validate(); err != nil {
//		return err // Problems: every broken rule at once
//	}
//
// Decoding is strict: an unknown key is an error, with a "did you mean" when
// a known key is close, and all of them are reported together; so are values
// of the wrong type. Errors carry the file name (when known), the line and
// column, and the key path. Decode normalizes what it returns (Normalize):
// text trimmed, a French SIRET/SIREN reduced to its digits, country
// "France" and signature place "Paris" by default.
//
// # Validation
//
// Validate checks the agreement's rules: required fields, French
// identifiers (SIRET or SIREN with its Luhn key, postal code, telephone),
// plain e-mail address, multisite deployment with its maximum number of
// sites, hosting provider and scope, solutions for centres de santé only, at
// least one profession, enumerations, control characters and maximum
// lengths. It returns every problem at once as Problems, in the order of the
// input format, each with a key path, a stable Code and a French message
// saying what to do (Problem.Text gives it in English).
//
// # Templates
//
// The enumerations (Reason, Level, Civility, Deployment, Profession) carry
// the agreement's own wording through Label, and predicates for templates
// (IsFirst, IsAdvanced, IsMultisite...). Civility.Agree chooses the form of a
// word that agrees with the representative (« dûment habilité(e) »),
// Solution.ProfessionOptions gives the 12 check boxes of article 3.1, and
// Date.French writes « 1er décembre 2026 ».
//
// The package knows nothing of DOCX; Canonical gives the deterministic JSON
// of an agreement, for hashing.
package convention
