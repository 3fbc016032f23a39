package labelkit

import (
	"context"
	"io"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/templates"
)

// Notification is the data of a notification of changes (article 4.3.1 of
// the agreement): what the template notification-modification receives.
type Notification struct {
	// Old and New are normalized copies of the two conventions compared.
	Old, New *convention.Convention
	// Date is the date of the notification; nil leaves a line to write it.
	// It also dates the tracked changes.
	Date *convention.Date
	// Author signs the tracked changes: the company of New.
	Author string
	// Changes lists every change, in the agreement's order.
	Changes []convention.Change
	// Parties are the changes of the parties themselves (Change.Amendment),
	// which article 11 ties to an amendment to the agreement.
	Parties []convention.Change
	// Sections are the other changes, by part of the agreement, in its
	// order; only parts with changes are listed.
	Sections []ChangeSection
	// Table is the table of article 3.1: every row of either side, with its
	// change, for printing as tracked changes.
	Table []TableRow
	// Annexes are the documents of Annexe 4 of either side (titles), with
	// their change (Same, Added or Removed).
	Annexes []convention.Change
	// Template names the template in use.
	Template templates.Info
}

// ChangeSection is the changes of one part of the agreement.
type ChangeSection struct {
	Section convention.Section
	Title   string // « Description de la solution logicielle (article 3.1) »
	Changes []convention.Change
}

// sectionTitles are the headings of the notification's change list: our
// own wording, not the agreement's.
var sectionTitles = map[convention.Section]string{
	convention.SectionAgreement: "Convention",
	convention.SectionContact:   "Coordonnées de la société",
	convention.SectionSolution:  "Description de la solution logicielle (article 3.1)",
	convention.SectionLevel:     "Niveau de labellisation (article 3.2)",
	convention.SectionAnnexes:   "Documents de l'annexe 4",
}

// TableRow is one row of the article 3.1 table in a notification: a
// value of either side. LabelOld and LabelNew are the label shown in the
// row's first cell on each side: a list's label shows on its first item
// only, so when that item is added or removed the label moves to another
// row (printed as a change too).
type TableRow struct {
	convention.Change
	LabelOld, LabelNew string
}

// NewNotification compares two valid conventions and returns the data of
// their notification, dated date (nil: no date). old and new are not
// changed. The error is Compare's (it wraps the Problems of an invalid
// side).
func NewNotification(old, new *convention.Convention, date *convention.Date) (Notification, error) {
	all, err := convention.Compare(old, new)
	if err != nil {
		return Notification{}, err
	}
	o, n := old.Clone(), new.Clone()
	o.Normalize()
	n.Normalize()
	if date != nil {
		d := *date
		date = &d
	}
	info, _ := templates.Lookup(templates.NotificationName)
	nt := Notification{Old: o, New: n, Date: date, Author: n.Company.Name, Template: info}
	bySection := map[convention.Section]int{}
	firstOld, firstNew := map[string]bool{}, map[string]bool{}
	for _, c := range all {
		if c.Section == convention.SectionSolution {
			row := TableRow{Change: c}
			key := c.Label // a list's items share their label
			if c.Kind != convention.Added && !firstOld[key] {
				firstOld[key] = true
				row.LabelOld = c.Label
			}
			if c.Kind != convention.Removed && !firstNew[key] {
				firstNew[key] = true
				row.LabelNew = c.Label
			}
			switch c.Kind {
			case convention.Added:
				row.LabelOld = row.LabelNew
			case convention.Removed:
				row.LabelNew = row.LabelOld
			}
			nt.Table = append(nt.Table, row)
		}
		if c.Section == convention.SectionAnnexes && isAnnexTitle(c.Path) {
			nt.Annexes = append(nt.Annexes, c)
		}
		if c.Kind == convention.Same {
			continue
		}
		nt.Changes = append(nt.Changes, c)
		if c.Amendment() {
			nt.Parties = append(nt.Parties, c)
			continue
		}
		i, ok := bySection[c.Section]
		if !ok {
			i = len(nt.Sections)
			bySection[c.Section] = i
			nt.Sections = append(nt.Sections, ChangeSection{Section: c.Section, Title: sectionTitles[c.Section]})
		}
		nt.Sections[i].Changes = append(nt.Sections[i].Changes, c)
	}
	return nt, nil
}

func isAnnexTitle(path string) bool {
	return len(path) > len(".title") && path[len(path)-len(".title"):] == ".title"
}

// RenderNotification writes the notification of the changes between two
// valid conventions as a DOCX document to w: the parties and the agreement
// it refers to, the list of changes (those of the parties under a heading
// of their own: article 11), the article 3.1 table with the changes as Word
// tracked changes (accept them all: the new table; reject them all: the old
// one), the documents of Annexe 4 added or removed, and the signature
// block. date dates the notification and its tracked changes; nil leaves a
// line to write the date on (the clock is never read). It uses the
// embedded template notification-modification unless an Option picks
// another, which receives a Notification. Nothing reaches w on error; an
// invalid convention gives an error wrapping its convention.Problems.
func RenderNotification(w io.Writer, old, new *convention.Convention, date *convention.Date, opts ...Option) error {
	return renderNotificationContext(context.Background(), w, old, new, date, opts)
}

// renderNotificationContext is RenderNotification within ctx (for the tests'
// handback hook).
func renderNotificationContext(ctx context.Context, w io.Writer, old, new *convention.Convention, date *convention.Date, opts []Option) error {
	if old == nil || new == nil {
		return ErrNilConvention
	}
	t, info, err := newConfig(templates.NotificationName, opts).template()
	if err != nil {
		return err
	}
	nt, err := NewNotification(old, new, date)
	if err != nil {
		return err
	}
	nt.Template = info
	return execute(ctx, w, t, nt)
}
