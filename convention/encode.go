package convention

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// EncodeTOML writes c as a TOML input, commented in French the way Starter
// is (each key with what it is in the agreement), every value c holds and
// only those: absent optional keys and tables are left out. Decoding the
// output gives c back (normalized). c is not validated.
func EncodeTOML(w io.Writer, c *Convention) error {
	bw := bufio.NewWriter(w)
	e := &tomlEncoder{w: bw}
	e.comment("Convention relative aux conditions d'utilisation du label")
	e.comment("« e-santé Logiciel Centres de santé » V2 (version 4.0.2 du 1er juillet 2019)")
	e.comment("")
	e.comment("Vérifiez ce fichier avec « labelkit validate », puis produisez la convention")
	e.comment("avec « labelkit render ». Les valeurs absentes sont des champs non remplis.")
	e.blank()
	choice(e, "reason", "Motif de la Convention", c.Reason, AllReasons())
	choice(e, "level", "Niveau de labellisation (article 3.2)", c.Level, AllLevels())

	co := c.Company
	e.texts("company", "Identification de la société (le Candidat).",
		"name", co.Name, "address", co.Address, "postal_code", co.PostalCode, "city", co.City,
		"country", co.Country, "phone", co.Phone, "fax", co.Fax, "email", co.Email,
		"registration_id", co.RegistrationID, "registration_place", co.RegistrationPlace,
		"registration_number", co.RegistrationNumber)
	r := co.Representative
	e.table("company.representative", "Représentant de la société.")
	choice(e, "civility", "Civilité", r.Civility, AllCivilities())
	e.text("company.representative.last_name", r.LastName)
	e.text("company.representative.first_name", r.FirstName)
	e.text("company.representative.title", r.Title)

	s := c.Solution
	e.table("solution", "3.1 Description de la solution logicielle.")
	e.text("solution.name", s.Name)
	e.list("solution.components[]", s.Components)
	e.text("solution.version", s.Version)
	e.key("La solution logicielle est destinée aux seuls centres de santé (true = Oui).", "centres_only", strconv.FormatBool(s.CentresOnly))
	choice(e, "deployment", lookupField("solution.deployment").label, s.Deployment, AllDeployments())
	if s.MaxSites != 0 {
		e.key("Nombre maximum de sites (déploiement multisite).", "max_sites", strconv.Itoa(s.MaxSites))
	}
	if len(s.Professions) > 0 {
		var b strings.Builder
		b.WriteString("[")
		for i, p := range s.Professions {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteTOML(string(p)))
		}
		b.WriteString("]")
		var labels []string
		for _, p := range s.Professions {
			if l := p.Label(); l != "" {
				labels = append(labels, l)
			}
		}
		e.key("Professions de santé cochées : "+strings.Join(labels, ", ")+".", "professions", b.String())
	}
	e.list("solution.other_professions[]", s.OtherProfessions)
	h := s.Hosting
	e.table("solution.hosting", "Mode d'hébergement de la solution.")
	e.key("La solution est-elle fournie en mode hébergé ?", "hosted", strconv.FormatBool(h.Hosted))
	e.text("solution.hosting.provider", h.Provider)
	e.text("solution.hosting.scope", h.Scope)
	if l := s.LAP; l != nil {
		e.texts("solution.lap", "Certification « LAP ».", "certificate", l.Certificate, "number", l.Number)
	}
	if d := s.DMP; d != nil {
		e.texts("solution.dmp", "Homologation à la DMP compatibilité.", "homologation", d.Homologation, "module", d.Module)
	}
	if sv := s.SesamVitale; sv != nil {
		e.table("solution.sesam_vitale", "Homologation / Agrément SESAM Vitale.")
		e.text("solution.sesam_vitale.approval", sv.Approval)
		e.key("L'homologation couvre aussi les logiciels tiers (true = Oui).", "covers_third_party", strconv.FormatBool(sv.CoversThirdParty))
		e.list("solution.sesam_vitale.specialties[]", sv.Specialties)
	}
	for _, a := range c.Annexes {
		e.blank()
		e.comment("ANNEXE 4 : un document composant le dossier.")
		e.line("[[annexes]]")
		e.text("annexes[].title", a.Title)
		e.text("annexes[].description", a.Description)
	}
	if a := c.ANS; a != nil {
		e.texts("ans", "Signataire de l'ANS.", "name", a.Name, "title", a.Title)
	}
	if sg := c.Signature; sg != nil {
		e.table("signature", "Fait en deux exemplaires originaux, A … le …")
		e.text("signature.place", sg.Place)
		if sg.Date != nil && !sg.Date.IsZero() {
			e.key("Date de signature : "+sg.Date.French()+".", "date", sg.Date.String())
		}
	}
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type tomlEncoder struct {
	w   *bufio.Writer
	err error
}

func (e *tomlEncoder) line(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s + "\n")
	}
}

func (e *tomlEncoder) blank() { e.line("") }

func (e *tomlEncoder) comment(s string) {
	if s == "" {
		e.line("#")
		return
	}
	e.line("# " + s)
}

func (e *tomlEncoder) table(name, about string) {
	e.blank()
	e.comment(about)
	e.line("[" + name + "]")
}

// key writes a comment and "name = value" (value already TOML).
func (e *tomlEncoder) key(about, name, value string) {
	e.comment(about)
	e.line(name + " = " + value)
}

// text writes a text field, with its label as comment; "" is left out.
func (e *tomlEncoder) text(path, v string) {
	if v == "" {
		return
	}
	f := lookupField(path)
	e.key(f.label+".", path[strings.LastIndexByte(path, '.')+1:], quoteTOML(v))
}

// texts writes the table path, about as its comment, and its text fields,
// given as key, value pairs.
func (e *tomlEncoder) texts(path, about string, keyValues ...string) {
	e.table(path, about)
	for i := 0; i+1 < len(keyValues); i += 2 {
		e.text(path+"."+keyValues[i], keyValues[i+1])
	}
}

// list writes a list of texts, one item a line.
func (e *tomlEncoder) list(path string, items []string) {
	if len(items) == 0 {
		return
	}
	f := lookupField(path)
	name := strings.TrimSuffix(path[strings.LastIndexByte(path, '.')+1:], "[]")
	e.comment(f.label + " (un élément par texte).")
	e.line(name + " = [")
	for _, it := range items {
		e.line("  " + quoteTOML(it) + ",")
	}
	e.line("]")
}

// choice writes an enumerated value with the possible values as comment.
func choice[T interface {
	~string
	Label() string
}](e *tomlEncoder, name, about string, v T, all []T) {
	if v == "" {
		return
	}
	e.comment(about + " :")
	for _, a := range all {
		e.comment(fmt.Sprintf("  %q = %s", string(a), a.Label()))
	}
	e.line(name + " = " + quoteTOML(string(v)))
}

// quoteTOML writes s as a TOML basic string.
func quoteTOML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
