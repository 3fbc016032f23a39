package convention

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/esante/labelkit/internal/frtext"
)

// Kind says how one value differs between two conventions.
type Kind string

// The kinds of Change.
const (
	Same    Kind = "same"    // the value is the same on both sides (Compare only)
	Added   Kind = "added"   // the value, list item or optional table is new
	Removed Kind = "removed" // the value, list item or optional table is gone
	Changed Kind = "changed" // the value is different
)

// Section groups the values of an agreement the way a notification of
// changes reports them.
type Section string

// The sections, in the agreement's order.
const (
	// SectionParties: the agency's signatory, the company's name and
	// registration, its representative. Changing them calls for an
	// amendment to the agreement (article 11).
	SectionParties Section = "parties"
	// SectionAgreement: the motive of the agreement, the place and date of
	// signature.
	SectionAgreement Section = "agreement"
	// SectionContact: the company's address and contact details.
	SectionContact Section = "contact"
	// SectionSolution: the table of article 3.1.
	SectionSolution Section = "solution"
	// SectionLevel: the labelling level of article 3.2.
	SectionLevel Section = "level"
	// SectionAnnexes: the documents of Annexe 4.
	SectionAnnexes Section = "annexes"
)

// Change is one value compared between two conventions.
type Change struct {
	// Path is the key path of the value in the input format
	// ("solution.version", "solution.components[2]", "annexes[0].title").
	// A list item's index is its index in New, or in Old when it is removed.
	Path string `json:"path"`
	// Label is the agreement's wording for the value (« N° de version de la
	// solution logicielle »).
	Label string `json:"label"`
	// Section is the part of the agreement the value belongs to.
	Section Section `json:"section"`
	Kind    Kind    `json:"kind"`
	// Old and New are the values in words (« Oui », « Niveau Avancé »,
	// « Masseur Kinésithérapeute », « 1 250 »); "" on the side where the
	// value is absent.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
}

// Amendment reports whether the change concerns the parties themselves,
// which article 11 ties to an amendment signed by both parties.
func (c Change) Amendment() bool { return c.Section == SectionParties }

// Entry is one value of a convention in words: its key path, the
// agreement's label for it and the value.
type Entry struct {
	Path    string  `json:"path"`
	Label   string  `json:"label"`
	Section Section `json:"section"`
	Value   string  `json:"value"`
}

// Diff returns the changes between two valid conventions, in the agreement's
// order; none when they say the same thing. Both are compared as normalized
// copies (Canonical's view): old and new are not changed. List items are
// matched in order (a longest common subsequence), so a component inserted
// in the middle is one Added change, not a rewritten list; the professions
// are compared in the agreement's order, whatever the input's. Diff returns
// an error wrapping the Problems of the first invalid side.
func Diff(old, new *Convention) ([]Change, error) {
	all, err := Compare(old, new)
	if err != nil {
		return nil, err
	}
	changes := all[:0:0]
	for _, c := range all {
		if c.Kind != Same {
			changes = append(changes, c)
		}
	}
	return changes, nil
}

// Compare is Diff keeping the values that did not change (Kind Same): every
// value of either side, in the agreement's order. It is what a template
// needs to print a whole table with its changes marked.
func Compare(old, new *Convention) ([]Change, error) {
	o, err := comparable(old, "old")
	if err != nil {
		return nil, err
	}
	n, err := comparable(new, "new")
	if err != nil {
		return nil, err
	}
	return align(o.Entries(), n.Entries()), nil
}

// comparable returns a normalized, valid copy of c.
func comparable(c *Convention, side string) (*Convention, error) {
	if c == nil {
		return nil, fmt.Errorf("%s convention: %w", side, Problems{problem("", CodeRequired, fr("aucune convention"))})
	}
	cp := c.Clone()
	cp.Normalize()
	if err := cp.Validate(); err != nil {
		return nil, fmt.Errorf("%s convention: %w", side, err)
	}
	return cp, nil
}

// Entries returns every value of c in words, in the agreement's order: the
// agency's signatory, the company and its representative, the motive, the
// company's details, the table of article 3.1, the level of article 3.2, the
// place and date of signature, the documents of Annexe 4. Absent optional
// values are left out; a list gives one entry per item (path with its
// index); the professions come in the agreement's order. Entries reads c as
// it is: call Normalize first for the canonical view.
func (c *Convention) Entries() []Entry {
	var es []Entry
	add := func(sec Section, path, value string) {
		if value != "" {
			es = append(es, Entry{Path: path, Label: Label(path), Section: sec, Value: value})
		}
	}
	list := func(sec Section, path string, items []string) {
		for i, v := range items {
			add(sec, path+"["+strconv.Itoa(i)+"]", v)
		}
	}
	if c.ANS != nil {
		add(SectionParties, "ans.name", c.ANS.Name)
		add(SectionParties, "ans.title", c.ANS.Title)
	}
	co := &c.Company
	r := &co.Representative
	add(SectionParties, "company.name", co.Name)
	add(SectionParties, "company.representative.civility", r.Civility.Label())
	add(SectionParties, "company.representative.last_name", r.LastName)
	add(SectionParties, "company.representative.first_name", r.FirstName)
	add(SectionParties, "company.representative.title", r.Title)
	add(SectionAgreement, "reason", c.Reason.Label())
	add(SectionContact, "company.address", co.Address)
	add(SectionContact, "company.postal_code", co.PostalCode)
	add(SectionContact, "company.city", co.City)
	add(SectionContact, "company.country", co.Country)
	add(SectionContact, "company.phone", co.Phone)
	add(SectionContact, "company.fax", co.Fax)
	add(SectionContact, "company.email", co.Email)
	add(SectionParties, "company.registration_id", co.RegistrationID)
	add(SectionParties, "company.registration_place", co.RegistrationPlace)
	add(SectionParties, "company.registration_number", co.RegistrationNumber)

	s := &c.Solution
	add(SectionSolution, "solution.name", s.Name)
	list(SectionSolution, "solution.components", s.Components)
	add(SectionSolution, "solution.version", s.Version)
	add(SectionSolution, "solution.centres_only", yesNo(s.CentresOnly))
	add(SectionSolution, "solution.deployment", s.Deployment.Label())
	if s.MaxSites != 0 {
		add(SectionSolution, "solution.max_sites", frtext.Integer(s.MaxSites))
	}
	var profs []string
	for _, p := range AllProfessions() {
		if s.HasProfession(p) {
			profs = append(profs, p.Label())
		}
	}
	list(SectionSolution, "solution.professions", profs)
	list(SectionSolution, "solution.other_professions", s.OtherProfessions)
	add(SectionSolution, "solution.hosting.hosted", yesNo(s.Hosting.Hosted))
	add(SectionSolution, "solution.hosting.provider", s.Hosting.Provider)
	add(SectionSolution, "solution.hosting.scope", s.Hosting.Scope)
	if s.LAP != nil {
		add(SectionSolution, "solution.lap.certificate", s.LAP.Certificate)
		add(SectionSolution, "solution.lap.number", s.LAP.Number)
	}
	if s.DMP != nil {
		add(SectionSolution, "solution.dmp.homologation", s.DMP.Homologation)
		add(SectionSolution, "solution.dmp.module", s.DMP.Module)
	}
	if sv := s.SesamVitale; sv != nil {
		add(SectionSolution, "solution.sesam_vitale.approval", sv.Approval)
		add(SectionSolution, "solution.sesam_vitale.covers_third_party", yesNo(sv.CoversThirdParty))
		list(SectionSolution, "solution.sesam_vitale.specialties", sv.Specialties)
	}
	add(SectionLevel, "level", c.Level.Label())
	add(SectionAgreement, "signature.place", c.SignaturePlace())
	if d := c.SignatureDate(); d != nil {
		add(SectionAgreement, "signature.date", d.French())
	}
	for i, a := range c.Annexes {
		p := "annexes[" + strconv.Itoa(i) + "]"
		add(SectionAnnexes, p+".title", a.Title)
		add(SectionAnnexes, p+".description", a.Description)
	}
	return es
}

func yesNo(b bool) string {
	if b {
		return "Oui"
	}
	return "Non"
}

// align pairs the entries of two conventions. Entries are grouped by key
// (a list item's key is its list, an annex's key is "annexes"); groups
// come in the order of b, then those only in a where they stood in a. Plain
// values pair by key; list items pair by a longest common subsequence.
func align(a, b []Entry) []Change {
	ga, gb := groups(a), groups(b)
	var out []Change
	ia := 0
	for _, g := range gb {
		// groups of a that precede g and that b does not have
		for ; ia < len(ga) && !hasGroup(gb, ga[ia].key); ia++ {
			out = append(out, pairGroup(ga[ia], group{})...)
		}
		if j := indexGroup(ga, g.key); j >= 0 {
			out = append(out, pairGroup(ga[j], g)...)
			if j >= ia {
				ia = j + 1
			}
		} else {
			out = append(out, pairGroup(group{}, g)...)
		}
	}
	for ; ia < len(ga); ia++ {
		if !hasGroup(gb, ga[ia].key) {
			out = append(out, pairGroup(ga[ia], group{})...)
		}
	}
	return out
}

// group is the entries of one key: one value, the items of one list, or
// the annexes (records of title and description).
type group struct {
	key     string
	records [][]Entry // one per list item or annex; one for a plain value
	list    bool
}

func groups(es []Entry) []group {
	var gs []group
	for _, e := range es {
		key, idx, list := groupKey(e.Path)
		if len(gs) == 0 || gs[len(gs)-1].key != key {
			gs = append(gs, group{key: key, list: list})
		}
		g := &gs[len(gs)-1]
		if !list || idx >= len(g.records) {
			g.records = append(g.records, nil)
		}
		g.records[len(g.records)-1] = append(g.records[len(g.records)-1], e)
	}
	return gs
}

// groupKey returns the group of a path: "solution.components[2]" →
// ("solution.components", 2, true); "annexes[1].title" → ("annexes", 1,
// true); "solution.version" → ("solution.version", 0, false).
func groupKey(path string) (key string, idx int, list bool) {
	i := strings.IndexByte(path, '[')
	if i < 0 {
		return path, 0, false
	}
	j := strings.IndexByte(path[i:], ']')
	n, _ := strconv.Atoi(path[i+1 : i+j])
	return path[:i], n, true
}

func indexGroup(gs []group, key string) int {
	return slices.IndexFunc(gs, func(g group) bool { return g.key == key })
}

func hasGroup(gs []group, key string) bool { return indexGroup(gs, key) >= 0 }

// pairGroup pairs the records of one group; either side may be empty.
func pairGroup(a, b group) []Change {
	if !a.list && !b.list {
		var ea, eb *Entry
		if len(a.records) > 0 {
			ea = &a.records[0][0]
		}
		if len(b.records) > 0 {
			eb = &b.records[0][0]
		}
		return []Change{pair(ea, eb)}
	}
	var out []Change
	for _, op := range lcs(a.records, b.records) {
		switch {
		case op.a < 0:
			out = append(out, pairRecord(nil, b.records[op.b])...)
		case op.b < 0:
			out = append(out, pairRecord(a.records[op.a], nil)...)
		default:
			out = append(out, pairRecord(a.records[op.a], b.records[op.b])...)
		}
	}
	return out
}

// pairRecord pairs the fields of one list item or annex, matched by key.
// The path of the pair is the new side's, when there is one.
func pairRecord(a, b []Entry) []Change {
	var out []Change
	for _, eb := range b {
		var ea *Entry
		for i := range a {
			if fieldOf(a[i].Path) == fieldOf(eb.Path) {
				ea = &a[i]
			}
		}
		out = append(out, pair(ea, &eb))
	}
	for _, ea := range a {
		if !slices.ContainsFunc(b, func(e Entry) bool { return fieldOf(e.Path) == fieldOf(ea.Path) }) {
			// a field only the old record has comes after the others: an
			// annex keeps its title first, the only field it always has
			out = append(out, pair(&ea, nil))
		}
	}
	return out
}

// fieldOf returns what follows a path's last index: ".title" for
// "annexes[1].title", "" for "solution.components[2]".
func fieldOf(path string) string {
	return path[strings.LastIndexByte(path, ']')+1:]
}

func pair(a, b *Entry) Change {
	switch {
	case a == nil:
		return Change{Path: b.Path, Label: b.Label, Section: b.Section, Kind: Added, New: b.Value}
	case b == nil:
		return Change{Path: a.Path, Label: a.Label, Section: a.Section, Kind: Removed, Old: a.Value}
	}
	k := Same
	if a.Value != b.Value {
		k = Changed
	}
	return Change{Path: b.Path, Label: b.Label, Section: b.Section, Kind: k, Old: a.Value, New: b.Value}
}

// step is one step of a list alignment: indexes into a and b, -1 on the
// side that does not have the item.
type step struct{ a, b int }

// lcs aligns two lists of records on a longest common subsequence of their
// first values (a list item's value, an annex's title): matched items pair,
// the others are removed or added where they stand, removals before
// additions at the same place, so that a replaced item reads « removed X,
// added Y ». Deterministic; quadratic in the list lengths, which the format
// bounds (50 items).
func lcs(a, b [][]Entry) []step {
	key := func(r []Entry) string { return r[0].Value }
	n, m := len(a), len(b)
	// l[i][j] = length of an LCS of a[i:] and b[j:]
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(a[i]) == key(b[j]) {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var out []step
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && key(a[i]) == key(b[j]):
			out = append(out, step{i, j})
			i++
			j++
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			out = append(out, step{i, -1})
			i++
		default:
			out = append(out, step{-1, j})
			j++
		}
	}
	return out
}
