// Package templates holds the embedded agreement templates and their
// registry.
//
// A template is a DOCX document with Go text/template actions typed in its
// text (see package render). Each embedded template is kept in git as its
// unpacked parts ("[Content_Types].xml", "word/document.xml", ...), one
// paragraph per line or so, so that every wording change is a readable diff;
// the newlines between block elements are insignificant whitespace for Word.
//
// The default template, DefaultName ("centres-sante-v2"), is the agreement
// « Convention relative aux conditions d'utilisation du label e-santé Logiciel
// Centres de santé » V2, version 4.0.2 of 1 July 2019, with the official
// wording verbatim. Its data is a labelkit.Document.
//
// List and Lookup describe the embedded templates; Get returns one parsed
// (once, then cached; safe for concurrent use); FS gives its parts.
//
// To edit a template in Word or LibreOffice, Pack its folder into a .docx,
// edit, save as .docx, and Unpack it back into the folder: Unpack lays the
// XML out again one block per line without re-encoding it, and Pack then
// Unpack gives back the same files.
package templates
