package opc

// Limits bound what reading a package may cost (zip-bomb defence). Zero (or
// negative) fields mean the default from [DefaultLimits].
//
// Sizes are checked twice: against the sizes declared in the zip headers
// before anything is inflated, and against the bytes actually produced while
// inflating (headers can lie), so memory stays bounded by roughly
// MaxTotalSize plus the size of the input.
type Limits struct {
	MaxParts     int   // number of parts (directory entries not counted); default 2000
	MaxPartSize  int64 // uncompressed bytes of one part; default 64 MiB
	MaxTotalSize int64 // uncompressed bytes of all parts; default 256 MiB
}

// DefaultLimits returns the limits used for zero fields of Limits: far
// above any real agreement (a few hundred KiB), far below what would hurt a
// server. A function, not a variable, so that no caller can change them for
// every other.
func DefaultLimits() Limits {
	return Limits{MaxParts: 2000, MaxPartSize: 64 << 20, MaxTotalSize: 256 << 20}
}

// withDefaults returns l with zero fields replaced by DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	if l.MaxPartSize <= 0 {
		l.MaxPartSize = d.MaxPartSize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	return l
}
