package opc

// Limits bound what reading a package may cost (zip-bomb defence). Zero (or
// negative) fields mean the default from DefaultLimits.
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

// DefaultLimits are the limits used for zero fields of Limits: far above any
// real agreement (a few hundred KiB), far below what would hurt a server.
var DefaultLimits = Limits{
	MaxParts:     2000,
	MaxPartSize:  64 << 20,
	MaxTotalSize: 256 << 20,
}

// withDefaults returns l with zero fields replaced by DefaultLimits (and
// DefaultLimits' zero fields by the built-in defaults).
func (l Limits) withDefaults() Limits {
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
		if l.MaxParts <= 0 {
			l.MaxParts = 2000
		}
	}
	if l.MaxPartSize <= 0 {
		l.MaxPartSize = DefaultLimits.MaxPartSize
		if l.MaxPartSize <= 0 {
			l.MaxPartSize = 64 << 20
		}
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = DefaultLimits.MaxTotalSize
		if l.MaxTotalSize <= 0 {
			l.MaxTotalSize = 256 << 20
		}
	}
	return l
}
