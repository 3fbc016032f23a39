// Package opc reads and writes DOCX packages: the zip and Open Packaging
// Conventions (OPC) plumbing under labelkit's template engine.
//
// Reading (ReadZip, ReadFS) is defensive: the input may be hostile. It is
// bounded by Limits (part count, part size, total size; declared sizes are
// checked before inflating and actual sizes while inflating), refuses unsafe
// or duplicate entry names, macro-enabled documents, XML parts with DOCTYPE
// or ENTITY declarations, and anything that is not a Word document. Every
// failure is an *Error wrapping one of the sentinel errors (ErrNotZip,
// ErrNotDocx, ...), usable with errors.Is and errors.As.
//
// Writing (Writer) is deterministic: same parts in the same order give the
// same bytes, with fixed timestamps and a fixed compressor. Parts read from
// a zip keep their compressed bytes, and Writer.CopyPart copies them without
// recompressing; Part.Precompress gives parts read with ReadFS the same
// benefit.
//
// XML is never re-encoded here: parts are bytes. Only [Content_Types].xml
// and the relationships parts are parsed (read-only) to answer
// Package.ContentType, Package.MainDocument and Package.Related.
package opc
