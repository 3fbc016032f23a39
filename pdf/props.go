package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/esante/labelkit/internal/opc"
)

// props are the DOCX core properties carried into the PDF's metadata.
type props struct {
	title, subject, keywords, creator, language string
	created, modified                           time.Time // zero if absent
}

// relCoreProperties is the package relationship naming the core properties
// part (transitional and strict).
const (
	relCoreProperties       = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relCorePropertiesStrict = "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)

// readProps checks that docx is a Word document (refusing what opc refuses:
// not a zip, macros, DOCTYPE, zip bombs...) and returns its core
// properties. A document without core properties has empty props.
func readProps(docx []byte) (props, error) {
	pkg, err := opc.ReadZip(bytes.NewReader(docx), int64(len(docx)), opc.Limits{})
	if err != nil {
		return props{}, err
	}
	rels, err := pkg.Related("")
	if err != nil {
		return props{}, err
	}
	name := ""
	for _, r := range rels {
		if (r.Type == relCoreProperties || r.Type == relCorePropertiesStrict) && !r.External {
			name = r.Target
			break
		}
	}
	if name == "" {
		name = "docProps/core.xml"
	}
	part := pkg.Part(name)
	if part == nil {
		return props{}, nil
	}
	p, err := parseCore(part.Data)
	if err != nil {
		return props{}, fmt.Errorf("%s: %w", part.Name, err)
	}
	return p, nil
}

// parseCore reads the core properties XML (read only: nothing is
// re-encoded). Unparsable dates are treated as absent, as Word does.
func parseCore(data []byte) (props, error) {
	var p props
	d := xml.NewDecoder(bytes.NewReader(data))
	var field *string
	var text strings.Builder
	var created, modified string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return props{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			field = nil
			text.Reset()
			switch t.Name.Local {
			case "title":
				field = &p.title
			case "subject":
				field = &p.subject
			case "keywords":
				field = &p.keywords
			case "creator":
				field = &p.creator
			case "language":
				field = &p.language
			case "created":
				field = &created
			case "modified":
				field = &modified
			}
		case xml.CharData:
			if field != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if field != nil {
				*field = strings.TrimSpace(text.String())
				field = nil
			}
		}
	}
	p.created = parseW3CDTF(created)
	p.modified = parseW3CDTF(modified)
	return p, nil
}

// parseW3CDTF parses the date forms found in core properties.
func parseW3CDTF(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
