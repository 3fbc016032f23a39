// Command gen bootstrapped the unpacked parts of the embedded template
// centres-sante-v2 from the official text of version 4.0.2.
//
// The committed XML under templates/centres-sante-v2 is the source of truth:
// edit it (or pack it, edit it in Word or LibreOffice, and unpack it back).
// gen refuses to overwrite parts that differ from what it writes (edited since)
// unless given -force: it is only useful while it is kept in step with the XML.
//
// Usage, from the repository root:
//
//	go run ./templates/internal/gen -out templates/centres-sante-v2
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "templates/centres-sante-v2", "folder to write the unpacked parts into")
	force := flag.Bool("force", false, "overwrite parts that differ from what gen writes (edits made in the XML or in Word are lost)")
	flag.Parse()
	parts := map[string]string{
		"[Content_Types].xml":          contentTypes,
		"_rels/.rels":                  rootRels,
		"docProps/core.xml":            coreXML,
		"docProps/app.xml":             appXML,
		"docProps/custom.xml":          customXML,
		"word/_rels/document.xml.rels": documentRels,
		"word/document.xml":            document(),
		"word/styles.xml":              stylesXML,
		"word/numbering.xml":           numberingXML,
		"word/settings.xml":            settingsXML,
		"word/fontTable.xml":           fontTableXML,
		"word/footer1.xml":             footerXML,
	}
	if !*force {
		var changed []string
		for name, data := range parts {
			old, err := os.ReadFile(filepath.Join(*out, filepath.FromSlash(name)))
			if err == nil && string(old) != data {
				changed = append(changed, name)
			}
		}
		if len(changed) > 0 {
			sort.Strings(changed)
			log.Fatalf("gen: %s differ from what gen writes (edited since?); rerun with -force to overwrite them", strings.Join(changed, ", "))
		}
	}
	for name, data := range parts {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d parts into %s\n", len(parts), *out)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// esc escapes text for a w:t element. Template actions are written as they are:
// they never contain & < or >.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// builder writes the body of word/document.xml, one block element per line.
type builder struct {
	b      strings.Builder
	indent string
}

func (d *builder) line(s string) {
	d.b.WriteString(d.indent)
	d.b.WriteString(s)
	d.b.WriteByte('\n')
}

// pOpt tweaks one paragraph's properties.
type pOpt func(*pProps)

type pProps struct {
	pageBreak bool
	keepNext  bool
	jc        string
}

func pageBreak() pOpt { return func(p *pProps) { p.pageBreak = true } }
func keepNext() pOpt  { return func(p *pProps) { p.keepNext = true } }

// p writes a paragraph of the given style whose text may hold template
// actions. Inline markup: "\n" is a line break, "\t" a tab.
func (d *builder) p(style, text string, opts ...pOpt) {
	var pp pProps
	for _, o := range opts {
		o(&pp)
	}
	var s strings.Builder
	s.WriteString("<w:p>")
	if style != "" || pp.pageBreak || pp.keepNext || pp.jc != "" {
		s.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(&s, `<w:pStyle w:val="%s"/>`, style)
		}
		if pp.keepNext {
			s.WriteString("<w:keepNext/>")
		}
		if pp.pageBreak {
			s.WriteString("<w:pageBreakBefore/>")
		}
		if pp.jc != "" {
			fmt.Fprintf(&s, `<w:jc w:val="%s"/>`, pp.jc)
		}
		s.WriteString("</w:pPr>")
	}
	s.WriteString(runs(text))
	s.WriteString("</w:p>")
	d.line(s.String())
}

// runs turns text into runs: plain text in w:t, "\n" as w:br, "\t" as w:tab.
func runs(text string) string {
	if text == "" {
		return ""
	}
	var s strings.Builder
	s.WriteString("<w:r>")
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			fmt.Fprintf(&s, `<w:t xml:space="preserve">%s</w:t>`, esc(cur.String()))
			cur.Reset()
		}
	}
	for _, r := range text {
		switch r {
		case '\n':
			flush()
			s.WriteString("<w:br/>")
		case '\t':
			flush()
			s.WriteString("<w:tab/>")
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	s.WriteString("</w:r>")
	return s.String()
}

// block writes a paragraph holding only a block action (if, range, else, end):
// the render engine removes that paragraph.
func (d *builder) block(action string) { d.line("<w:p>" + runs(action) + "</w:p>") }

func (d *builder) body(text string)   { d.p("BodyText", text) }
func (d *builder) h1(text string)     { d.p("Heading1", text) }
func (d *builder) h2(text string)     { d.p("Heading2", text) }
func (d *builder) h3(text string)     { d.p("Heading3", text) }
func (d *builder) dash(text string)   { d.p("ListDash", text) }
func (d *builder) bullet(text string) { d.p("ListBullet", text) }

// cell widths of the article 3.1 table, in twips (text width 9072).
const (
	labelW = 3402
	valueW = 5670
)

// row writes one row of the article 3.1 table: a label cell and a value cell,
// each filled by its function.
func (d *builder) row(label, value func()) { d.rowOf(true, label, value) }

// listRow writes a row whose value cell holds a list of up to 50 items: it
// may break across pages (a row that cannot split and is taller than a page
// would be cut off by Word). The professions (at most 12 + 20) and hosting
// rows always fit on a page and stay whole.
func (d *builder) listRow(label, value func()) { d.rowOf(false, label, value) }

func (d *builder) rowOf(cantSplit bool, label, value func()) {
	if cantSplit {
		d.line("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
	} else {
		d.line("<w:tr>")
	}
	d.indent = "  "
	d.line(fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="EAF1F8"/></w:tcPr>`, labelW))
	label()
	d.line("</w:tc>")
	d.line(fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, valueW))
	value()
	d.line("</w:tc>")
	d.indent = ""
	d.line("</w:tr>")
}

func (d *builder) lbl(text string) { d.p("TableLabel", text) }
func (d *builder) val(text string) { d.p("TableText", text) }
func (d *builder) ins(text string) { d.p("TableInstruction", text) }
func (d *builder) tdash(text string) {
	d.p("TableDash", text)
}

func document() string {
	var d builder
	// Shorthands for the template actions used all along.
	const (
		blank     = "{{if .Blank}}"
		elseA     = "{{else}}"
		end       = "{{end}}"
		rep       = ".Company.Representative"
		sol       = ".Solution"
		underline = "_______________________________________"
		// blankLine gives the blank form a dotted line to write on (a tab
		// to the TableValue style's dot-leader stop); nothing when filled.
		blankLine = "{{if .Blank}}\t{{end}}"
		// blankOrNone, in the {{else}} of an optional row: a dotted line in
		// the blank form, « Sans objet » in a filled agreement.
		blankOrNone = "{{if $.Blank}}\t{{else}}Sans objet{{end}}"
	)

	d.p("Title", "Convention relative aux conditions d’utilisation du label\n« e-santé Logiciel Centres de santé » V2")
	d.p("Subtitle", "Version n°4.0.2 du 1er juillet 2019")
	d.p("Party", "Entre :", keepNext())
	d.p("PartyName", "L’agence du numérique en santé")
	d.p("Party", "Groupement d’intérêt public prévu à l’article L.1111-24 du code de santé publique")
	d.p("Party", "Ayant son siège au 9 rue Georges Pitard, 75015 PARIS")
	d.p("Party", "Représenté par {{with .ANS}}{{.Name}} en sa qualité de {{.Title}}{{else}}Madame Annie Prévot en sa qualité de Directeur{{end}}")
	d.p("Party", "Ci-après dénommée « ANS »")
	d.p("Party", "D’une part,")
	d.block(blank)
	d.p("Instruction", "(A compléter par le Candidat")
	d.block(end)
	d.p("PartyName", "Et la société "+blank+underline+elseA+"{{.Company.Name}}"+end)
	d.p("Party", "Représentée par "+blank+"(civilité, nom, prénom) : ____________________________________, dûment habilité"+
		elseA+"{{"+rep+".Civility}} {{"+rep+".LastName}} {{"+rep+".FirstName}}, dûment {{"+rep+`.Civility.Agree "habilité" "habilitée"}}`+end+
		" en sa qualité de "+blank+"___________________________"+elseA+"{{"+rep+".Title}}"+end+".")
	d.p("Party", "Ci-après dénommé « le Candidat » ou « le Bénéficiaire »,")
	d.p("Party", "D’autre part,")
	d.p("Party", "Dénommées collectivement « les Parties »")

	d.p("FormHeading", "Motif de la Convention :")
	d.p("Choice", "{{checkbox .Reason.IsFirst}} Première demande de labellisation")
	d.p("Choice", "{{checkbox .Reason.IsRenewal}} Demande de renouvellement de labellisation V1 en V2")

	d.p("FormHeading", "Identification de la société :")
	field := func(label, value string) string {
		return label + " " + blank + "\t" + elseA + value + end
	}
	d.p("FormField", field("Adresse (siège social) :", "{{.Company.Address}}"))
	d.p("FormField3", "Code Postal : "+blank+"\t"+elseA+"{{.Company.PostalCode}}\t"+end+
		"Commune : "+blank+"\t"+elseA+"{{.Company.City}}\t"+end+
		field("Pays :", "{{.Company.Country}}"))
	d.p("FormField2", "N° de téléphone : "+blank+"\t"+elseA+"{{.Company.Phone}}\t"+end+field("N° de fax :", "{{.Company.Fax}}"))
	d.p("FormField", field("Adresse e-mail :", "{{.Company.Email}}"))
	d.p("FormField", field("Immatriculation au RCS ou N° Siret ou n° d’identification de l’établissement :", "{{.Company.RegistrationID}}"))
	d.p("FormField", field("Lieu de l’immatriculation :", "{{.Company.RegistrationPlace}}"))
	d.p("FormField", field("Numéro d’immatriculation :", "{{.Company.RegistrationNumber}}"))

	d.p("Heading1", "Préambule", pageBreak())
	d.body("L’ANS a pour mission de favoriser le développement des systèmes d’information partagés dans le domaine de la santé et du secteur médico-social, au service de la coordination, de la qualité et de la continuité des soins.")
	d.body("A ce titre, la Direction de la Sécurité Sociale (DSS) et la Direction Générale de l’Organisation des Soins (DGOS) du ministère chargé de la santé ont confié à l’ANS a mission de mener une étude, afin de déterminer les fonctionnalités attendues du système d’information des maisons de santé, des pôles de santé organisés comme une maison de santé et des centres de santé (cf. « Cahier des charges sur les systèmes d’Information des maisons, pôles et centres de santé polyvalents »). Ce document s’adresse aux responsables de ces structures, aux maîtrises d’ouvrage souhaitant les accompagner dans leur projet, ainsi qu’aux éditeurs de solutions logicielles désireux de faire évoluer leur offre pour couvrir au mieux les besoins SI de ces structures.")
	d.body("En vue de faciliter pour les porteurs de projet l’identification de solutions logicielles correspondant aux besoins exprimés et de stabiliser ces mêmes besoins pour les implémenter dans les solutions du marché, il a été décidé de mettre en place un label dénommé label « e-santé Logiciel Maisons et Centres de santé ».")
	d.body("Une première version du label a été mise en place en 2012, et a ultérieurement été mise à jour suite à un premier retour d’expérience mené par la Direction Générale de l’Offre de Soins réalisé auprès d’un panel de maisons et de centres de santé.")
	d.body("Sur la base d’une étude complémentaire et d’une concertation fondées sur les retours d’expérience de l’ensemble des acteurs concernés et le recueil de leurs besoins, une deuxième version a été élaborée, afin que le label puisse permettre aux professionnels de santé de sélectionner des solutions qui couvrent l’ensemble des fonctionnalités requises tant dans l’exercice individuel que dans l’exercice pluriprofessionnel.")
	d.body("Le référentiel fonctionnel de ce label V2 (Annexe 1) est établi à partir des besoins fonctionnels identifiés dans le cadre des études précitées.")
	d.body("Cette labellisation a pour objectif d’offrir à ses Bénéficiaires une crédibilité sur le marché des solutions logicielles auprès des organismes acheteurs et des utilisateurs au sein des maisons de santé, pôles de santé organisés en maisons de santé et centres de santé.")
	d.body("La labellisation est ouverte à toutes les personnes morales propriétaires d’une solution logicielle destinée :")
	d.dash("aux maisons et pôles de santé organisés comme une maison de santé, ainsi qu’aux centres de santé ;")
	d.dash("aux seuls centres de santé.")
	d.body("Ces personnes peuvent librement s’engager dans le processus de labellisation conduit par l’ANS.")
	d.body("La présente Convention concerne les solutions logicielles destinées aux seuls centres de santé. La procédure est décrite dans le règlement du label « e-santé Logiciel Centres de santé » et les droits et obligations liés à l’utilisation du label sont décrits par la présente Convention.")

	d.h1("Article 1. Objet")
	d.body("La présente Convention a pour objet de reconnaître au profit du Bénéficiaire le droit d’utiliser le label « e-santé Logiciel Centres de santé » pour la solution logicielle décrite à l’article 2 et de fixer les conditions de son utilisation.")
	d.body("Les conditions d’attribution de ce label sont fixées dans le règlement du label « e-santé Logiciel Centres de santé » (Annexe 2).")

	d.h1("Article 2. Documents contractuels")
	d.body("Les documents contractuels qui constituent la convention (ci-après la « Convention ») sont les suivants :")
	d.dash("Convention relative aux conditions d’utilisation du label « e-santé Logiciel Centres de santé »")
	d.dash("ANNEXE 1 – Référentiel fonctionnel du label – « e-santé Logiciel Maisons et Centres de santé »")
	d.dash("ANNEXE 2 – Règlement du label « e-santé Logiciel Centres de santé »")
	d.dash("ANNEXE 3 – Plan Assurance Sécurité de la vérification de conformité du label « e-santé Logiciel Maisons et Centres de Santé »")
	d.dash("ANNEXE 4 – (Documents composant le dossier, autres que ceux annexés à la convention conformément à la liste des annexes ci-dessus)")

	d.h1("Article 3. Périmètre de la labellisation")
	d.h2("3.1 Description de la solution logicielle, faisant l’objet du label :")
	d.body("La labellisation délivrée par l’ANS au Bénéficiaire porte sur :")
	d.block(blank)
	d.p("Instruction", "(Tableau à compléter par le Candidat)", keepNext())
	d.block(end)

	d.line(`<w:tbl><w:tblPr><w:tblStyle w:val="SolutionTable"/><w:tblW w:w="9072" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	d.line(fmt.Sprintf(`<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid>`, labelW, valueW))
	d.row(func() {
		d.lbl("Désignation commerciale de la solution logicielle soumise à la labellisation")
	}, func() {
		d.p("TableValue", "{{"+sol+".Name}}"+blankLine)
	})
	d.listRow(func() {
		d.lbl("Dans le cas d’une solution logicielle, constituée de plusieurs composants applicatifs intégrés, la liste des composants applicatifs doit être précisée.")
	}, func() {
		d.block("{{range " + sol + ".Components}}")
		d.tdash("{{.}}")
		d.block(elseA)
		// Not {{if}}…{{end}} spanning the paragraph: that paragraph would
		// disappear from the blank form, and the cell must keep one.
		d.p("TableValue", `{{ternary "" "Sans objet" $.Blank}}{{if $.Blank}}`+"\t{{end}}")
		d.block(end)
	})
	d.row(func() {
		d.lbl("N° de version de la solution logicielle")
		d.ins("(Il doit présenter les caractéristiques suivantes :")
		d.tdash("il doit être accessible simplement à l’utilisateur dans l’IHM du logiciel,")
		d.tdash("la chronologie des versions doit être clairement exprimée au travers du numéro de version,")
		d.tdash("il doit évoluer dès qu’un élément de code source est modifié (y compris un simple patch).)")
	}, func() {
		d.p("TableValue", "{{"+sol+".Version}}"+blankLine)
	})
	d.row(func() {
		d.lbl("La solution logicielle est destinée aux seuls centres de santé :")
		d.block(blank)
		d.ins("(Cochez les cases correspondantes)")
		d.block(end)
	}, func() {
		d.p("TableChoice", "{{checkbox "+sol+".CentresOnly}} Oui")
		d.p("TableChoice", "{{checkbox (and (not .Blank) (not "+sol+".CentresOnly))}} Non (dans ce cas, il convient de signer la convention relative aux conditions d’utilisation du label « e-santé Logiciel Maisons et Centres de santé »)")
	})
	d.row(func() {
		d.lbl("La solution logicielle peut être déployée de façon :")
	}, func() {
		d.p("TableChoice", "{{checkbox "+sol+".Deployment.IsMonosite}} Monosite")
		d.p("TableChoice", "{{checkbox "+sol+".Deployment.IsMultisite}} Multisites ; dans ce cas, indiquez le nombre maximum de sites : "+
			"{{if "+sol+".Deployment.IsMultisite}}{{numberFR 0 "+sol+".MaxSites}}{{else if .Blank}}________________{{end}}")
	})
	d.row(func() {
		d.lbl("La solution logicielle est destinée aux professions de santé suivantes:")
		d.block(blank)
		d.ins("(Cochez les cases correspondantes)")
		d.block(end)
	}, func() {
		d.block("{{range " + sol + ".ProfessionOptions}}")
		d.p("TableChoice", "{{checkbox .Selected}} {{.Label}}")
		d.block(end)
		d.p("TableChoice", "{{checkbox (not (empty "+sol+".OtherProfessions))}} Autres (à préciser) : ")
		d.block(blank)
		d.p("TableValue", "\t")
		d.block(end)
		d.block("{{range " + sol + ".OtherProfessions}}")
		d.tdash("{{.}}")
		d.block(end)
	})
	d.row(func() {
		d.lbl("Mode d’hébergement de la solution")
	}, func() {
		d.val("La solution est-elle fournie en mode hébergé ?")
		d.p("TableChoice", "{{checkbox "+sol+".Hosting.Hosted}} Oui")
		d.p("TableChoice", "{{checkbox (and (not .Blank) (not "+sol+".Hosting.Hosted))}} Non")
		d.val("Si oui, veuillez indiquer :")
		d.tdash("le nom de l’hébergeur agréé par le Ministère chargé de la santé : " +
			"{{if .Blank}}_____________{{else if " + sol + ".Hosting.Hosted}}{{" + sol + ".Hosting.Provider}}{{else}}Sans objet{{end}}")
		d.tdash("le périmètre de cet agrément tel que décrit dans la décision d’agrément : " +
			"{{if .Blank}}_______________{{else if " + sol + ".Hosting.Hosted}}{{" + sol + ".Hosting.Scope}}{{else}}Sans objet{{end}}")
	})
	d.row(func() {
		d.lbl("Certification « LAP » (logiciel d’aide à la prescription utilisé pour la médecine ambulatoire)")
	}, func() {
		d.val("Nom et numéro du certificat de la solution certifiée LAP")
		d.p("TableValue", "{{with "+sol+".LAP}}{{.Certificate}} – n° {{.Number}}{{else}}"+blankOrNone+"{{end}}")
		d.val("(Le bénéficiaire certifie que le module certifié LAP est bien la solution embarquée pour assurer les fonctions de prescription de la solution objet de la présente convention.)")
	})
	d.row(func() {
		d.lbl("Homologation à la DMP compatibilité")
	}, func() {
		d.val("Le numéro d’homologation de la solution ou le nom et le numéro d’homologation du module externe sur lequel s’appuie la solution :")
		d.p("TableValue", "{{with "+sol+".DMP}}{{if .Module}}{{.Module}} – {{end}}{{.Homologation}}{{else}}"+blankOrNone+"{{end}}")
	})
	d.listRow(func() {
		d.lbl("Homologation / Agrément SESAM Vitale")
	}, func() {
		d.val("Le numéro d’homologation /agrément de la solution :")
		d.p("TableValue", "{{with "+sol+".SesamVitale}}{{.Approval}}{{else}}"+blankOrNone+"{{end}}")
		d.val("Si la solution implique un ou plusieurs logiciel tiers, l’homologation / agrément SESAM Vitale couvre également ces logiciels tiers :")
		d.p("TableChoice", "{{with "+sol+".SesamVitale}}{{checkbox .CoversThirdParty}}{{else}}{{checkbox false}}{{end}} Oui")
		d.p("TableChoice", "{{with "+sol+".SesamVitale}}{{checkbox (not .CoversThirdParty)}}{{else}}{{checkbox false}}{{end}} Non")
		d.val("Liste des spécialités de professionnels de santé couvertes : ")
		d.block(blank)
		d.p("TableValue", "\t")
		d.p("TableValue", "\t")
		d.block(end)
		d.block("{{with " + sol + ".SesamVitale}}{{range .Specialties}}")
		d.tdash("{{.}}")
		d.block("{{end}}{{end}}")
	})
	d.line("</w:tbl>")

	d.h2("3.2 Niveau de labellisation")
	d.body("La solution logicielle décrite à l’article 3.1 fait l’objet d’un label dont le niveau est déterminé ci-dessous au regard du référentiel fonctionnel du label « e-santé Logiciel Maisons et Centres de Santé », dont un exemplaire daté et signé par le candidat figure dans le dossier de candidature.")
	d.block(blank)
	d.p("Instruction", "(Cochez une des deux cases suivantes :)", keepNext())
	d.block(end)
	d.p("LevelChoice", "{{checkbox .Level.IsStandard}} : Labellisation Niveau Standard (niveau 1): la solution objet de la labellisation, couvre les fonctionnalités « standard » requises dans le cadre du fonctionnement d’un centre de santé selon les critères définis.")
	d.body("Les fonctionnalités « standards » sont identifiées dans le référentiel fonctionnel du label par l’acronyme « STD » ou « STANDARD ».")
	d.p("LevelChoice", "{{checkbox .Level.IsAdvanced}} : Labellisation Niveau Avancé (niveau 2) : la solution, objet de la labellisation, couvre les fonctionnalités « standards » et « avancées » requises dans le cadre du fonctionnement d’un centre de santé selon les critères définis.")
	d.body("Les fonctionnalités « avancées » sont identifiées dans le référentiel fonctionnel du label par l’acronyme « AV » ou « AVANCÉ ».")
	d.body("En tout état de cause, conformément au règlement du label « e-santé Logiciel Centres de Santé », la solution, destinée aux seuls centres de santé, ne couvre pas les fonctionnalités suivantes :")
	d.dash("La gestion des tournées ;")
	d.dash("L’accès en mobilité.")

	d.h1("Article 4. Obligations liées à la labellisation")
	d.body("Le Bénéficiaire s’engage à respecter les règles et obligations définies par la présente Convention. Le non-respect de ces règles peut conduire au retrait de la labellisation dans les conditions définies à l’article 9 « Résiliation de la Convention ».")
	d.h2("4.1 Mise à disposition de la version labellisée")
	d.body("Le Bénéficiaire s’engage à mettre à la disposition de ses clients, selon les conditions commerciales fixées par ses soins, la solution labellisée dans un délai de deux mois calendaires, à compter de la date d’entrée en vigueur de la présente Convention.")
	d.h2("4.2 Engagements du Bénéficiaire")
	d.h3("4.2.1 Engagements généraux")
	d.body("Le Bénéficiaire s’est engagé lors du dépôt de son dossier de candidature à ce que les informations communiquées par ses soins dans le dossier de candidature soient sincères et fidèles à la couverture fonctionnelle réelle de sa solution logicielle à date de dépôt du dossier et valent en conséquence engagement de conformité de sa part sur cette couverture fonctionnelle.")
	d.body("Toute modification apportée aux pièces du dossier de candidature et aux informations qui s’y trouvent (par exemple : changement d’hébergeur agréé de données de santé, modification du numéro d’homologation à la DMP-compatibilité, etc.) doit être portée à la connaissance de l’ANS dès sa survenue. L’ANS peut diligenter des contrôles concernant cette modification dans les conditions prévues à l’article 5.")
	d.body("Les fonctionnalités présentées à la labellisation doivent être comprises dans l’offre au client dans leur intégralité et non de façon optionnelle.")
	d.h3("4.2.2 Engagements liés au Contrat client")
	d.body("Le Bénéficiaire de la labellisation s’engage à ce que le(s) contrat(s) conclu(s) avec ses clients portant sur la solution labellisée contienne les dispositions suivantes :")
	d.dash("Une information sur les visites complémentaires et audits, qui peuvent avoir lieu sur un site client, avec son accord, dans les conditions prévues par le règlement du label ;")
	d.dash("La description des niveaux de services (SLA) tels que fournis dans le dossier de candidature ;")
	d.dash("Les modalités de fonctionnement du support téléphonique (hot line), notamment en termes de disponibilité, délais de réponse, etc. ;")
	d.dash("Les modalités de maintenance, de dépannage et d’information en cas de défaillance de la solution (panne, arrêt de service, etc.) ;")
	d.dash("Pour les solutions fournies en mode Saas (Software as a service), un plan de reprise d’activité ;")
	d.dash("La table de transcodage des informations saisies selon le DRC (Dictionnaire des résultats de consultation) ou la CISP (Classification internationale des soins primaires) avec la CIM10 (Classification internationale des maladies, 10ème révision);")
	d.dash("Une offre de formation à l’utilisation de la solution, modulaire, détaillée et explicite en termes de cibles, contenu et coût : formation de base, formations avancées sur les modalités complexes (structuration de données, requêtage) ou spécifiques à une profession (gestion des tournées, « Scannérisation des ordonnances » (SCOR), suivi des exigences issues de la rémunération sur objectifs de santé publique (ROSP)) ;")
	d.dash("Fourniture d’un manuel à destination des utilisateurs ou a minima une brochure décrivant les fonctionnalités de la solution ;")
	d.dash("Les conditions de réversibilité des données, notamment le format du fichier d’export et les données incluses dans le fichier, ainsi que les conditions de reprise des données de la solution précédente ou lors de la cession du contrat. Le Bénéficiaire doit s’engager à fournir à son client toute information utile concernant ses expériences de reprise des données.")
	d.h2("4.3 Modifications de la solution")
	d.h3("4.3.1 Evolutions, modifications et montées de version de la solution")
	d.body("Le Bénéficiaire s’engage à ce que la version labellisée de la solution soit accessible à tout moment, et à documenter et à gérer de façon transparente une politique de gestion et de suivi des versions (versioning).")
	d.body("Sans préjudice des dispositions de l’article 11, toute évolution ou modification substantielle de la solution, ainsi que toute montée de version de la solution doivent être notifiées à l’ANS dans les meilleurs délais, par courriel à l’adresse ans-labellisation.msp@esante.gouv.fr et par lettre recommandée avec avis de réception. La notification doit inclure :")
	d.dash("Un document présentant les évolutions ou modifications ;")
	d.dash("S’il est impacté par les évolutions ou modifications, le tableau mis à jour de l’article 3.1 de la présente convention ;")
	d.dash("Tout document fourni au titre du dossier de candidature initial qui se verrait impacté par les évolutions ou modifications.")
	d.body("En cas de montée de version entraînant une modification substantielle de la solution et impactant la couverture des exigences du référentiel fonctionnel, l’ANS demande au Bénéficiaire de déposer un nouveau dossier de candidature concernant cette version et/ou de recommencer une ou plusieurs étapes de l’instruction.")
	d.h3("4.3.2 Arrêt de commercialisation")
	d.body("Le Bénéficiaire de la labellisation s’engage à informer l’ANS avec un délai de préavis suffisant, ou le cas échéant, dès que le Bénéficiaire en a connaissance, de toute suspension ou arrêt de commercialisation des solutions labellisées ou de procédure collective ou cessation d’activité totale ou partielle à son endroit, impactant ou susceptible d’impacter la commercialisation de la solution.")
	d.body("Tout arrêt de commercialisation de la solution donne lieu au retrait du label, dans les conditions prévues à l’article 9.")

	d.h1("Article 5. Visites complémentaires sur site et audits")
	d.body("Pour les besoins de l’instruction du dossier de candidature, l’ANS réalise des visites de conformité dans les locaux du candidat dans les conditions prévues par le règlement du label. Après la signature de la Convention, l’ANS réalise une visite complémentaire sur site. L’ANS peut en sus réaliser des audits pendant toute la durée de la Convention, en cas de non-conformité présumée ou avérée ou dans le cadre du programme périodique de contrôle.")
	d.body("Le Bénéficiaire s’engage à accepter toute visite de conformité telle que prévue par le règlement du label et toute visite complémentaire de conformité ou audit réalisé par l’ANS selon les modalités décrites au présent article.")
	d.body("Le Bénéficiaire comprend que tout manquement aux présentes, constaté lors d’une visite complémentaire de conformité ou d’un audit, peut donner lieu au retrait du label, dans les conditions prévues à l’article 9.")
	d.h2("5.1 Visites complémentaires sur un site client")
	d.body("L’ANS réalise une visite complémentaire sur un site client où la solution est déployée ou utilisée, le site étant proposé par l’éditeur :")
	d.dash("dans un délai de six (6) mois après la signature de la Convention ou")
	d.dash("dès le déploiement de la solution par le candidat, dans l’hypothèse où la solution ne serait encore déployée sur aucun site client dans le délai précité.")
	d.body("Ces visites permettent de constater la conformité de la solution labellisée au référentiel fonctionnel, en service régulier sur un site client.")
	d.body("Les visites complémentaires donnent lieu à un rapport, qui peut inclure des recommandations. Un constat de non-conformité au référentiel fonctionnel, de tout ou partie de la solution ou de l’une de ses fonctionnalités, peut donner lieu au déclenchement d’un audit dans les conditions prévues à l’article 5.2.")
	d.h2("5.2 Audit")
	d.body("L’ANS peut constater ou être informée de l’existence d’une non-conformité de la solution au référentiel fonctionnel, présumée ou avérée, par exemple par un utilisateur. Elle peut alors organiser un audit de vérification, qui consiste à apprécier de façon ciblée le caractère opérationnel d’une ou plusieurs fonctionnalités en rapport avec le dysfonctionnement.")
	d.body("Ce type d’audit peut également être organisé dans le cadre d’un programme périodique de contrôle établi par l’ANS. Dans ce cas, l’audit de vérification porte sur les fonctionnalités identifiées dans le programme.")
	d.body("L’audit de vérification peut être réalisé selon les modalités suivantes :")
	d.dash("sur un environnement de démonstration mis à disposition par le Bénéficiaire. Dans ce dernier cas, il est ensuite procédé à la vérification du caractère opérationnel de(s) la fonctionnalité(s).")
	d.dash("à titre exceptionnel, sur un système en production sur un site utilisateur.")
	d.body("Dans les deux cas, l’audit pourra avoir lieu sur site ou par téléconférence et prise de main à distance.")
	d.body("Au plan formel, la procédure suivie pour l’audit est la même que la procédure de visite de conformité décrite dans le règlement du label « e-santé Logiciel Centres de santé » (Annexe 2).")
	d.h2("5.3 Confidentialité des données dans le cadre des visites complémentaires et audits")
	d.body("Les personnes en charge du contrôle pour le compte de l’ANS ne peuvent accéder à des données de santé à caractère personnel qu’en présence et sous le contrôle d’un professionnel de santé exerçant sur le site utilisateur.")
	d.body("L’accord préalable du représentant légal de la structure utilisatrice de la solution est sollicité par l’ANS. Il est formalisé par retour du Plan d’Assurance Sécurité daté et signé par ce dernier.")
	d.body("Ce Plan d’Assurance Sécurité est annexé à la présente Convention. Il fixe des règles spécifiques, afin de veiller au respect de la confidentialité des données et de limiter à des cas exceptionnels l’accès aux données de santé conservées dans le système en production audité.")

	d.h1("Article 6. Propriété intellectuelle et communication")
	d.h2("6.1 Logos associés au label")
	d.body("Le label « e-santé Logiciel Centres de santé » est associé à un logo décliné selon les niveaux de labellisation et précisant les types de structures auxquelles la solution est destinée.")
	d.body("Les déclinaisons du label « e-santé Logiciel Centres de santé » sont les suivantes (ci-après le(s) « Logo(s) » :")
	// The logos of the official PDF were lost in the text extraction: an empty
	// framed box keeps their place without inventing any wording.
	d.p("LogoFrame", "")
	d.body("L’utilisation de tout autre signe, marque, logo de quelque nature que ce soit, de l’ANS est interdite, sauf accord écrit de l’ANS.")
	d.h2("6.2 Droit d’utilisation des Logos")
	d.body("A compter de la signature de la présente Convention par l’ANS, le Bénéficiaire pourra communiquer sur la labellisation de sa solution et utiliser le(s) logo(s) dans les conditions prévues au présent article.")
	d.body("Le droit d’utilisation des logos octroyé au Bénéficiaire comprend le droit non-exclusif, gratuit, personnel et non transférable de reproduire le(s) Logo(s) pour les finalités, supports et durée prévus aux présentes, sur tout le territoire français.")
	d.body("Le Bénéficiaire n’est pas autorisé à modifier ou adapter le(s) Logo(s) de quelque façon que ce soit.")
	d.body("Les dispositions des présentes n’emportent aucun transfert des droits de propriété sur le(s) Logo(s).")
	d.h2("6.3 Finalité d’utilisation")
	d.body("Le label ainsi que le logo associé ont pour objet de communiquer et de contribuer à l’information des acteurs des maisons de santé, pôles de santé organisés comme une maison de santé et centres de santé, sur les fonctionnalités des solutions logicielles destinées à ces structures. Ils ne peuvent être utilisés qu’à cette fin. Toute utilisation du Logo par le Bénéficiaire doit obligatoirement préciser :")
	d.dash("le niveau atteint (Niveau Standard ou Niveau Avancé) ;")
	d.dash("le type de structure auquel s’adresse la solution visée par la labellisation (centres de santé uniquement).")
	d.body("Toute communication autour de la labellisation devra obligatoirement renvoyer le lecteur aux pages relatives au label sur le site internet de l’ANS(par exemple, pour les communications sur support électronique, en insérant l’adresse URL desdites pages), afin de permettre à ce dernier de prendre connaissance de sa finalité et des conditions à respecter dans le cadre du label.")
	d.h2("6.3 Durée du droit d’utilisation")
	d.body("Le Logo ne peut être utilisé que pendant la durée de la présente Convention et exclusivement pour les finalités et le périmètre de celle-ci.")
	d.body("Le Bénéficiaire ne peut pas utiliser le Logo pendant l’instruction de son dossier de candidature. Le Bénéficiaire n’est autorisé à communiquer sur la labellisation ou à utiliser le Logo à compter de la signature de la présente Convention.")
	d.h2("6.4 Supports d’utilisation")
	d.body("Le Bénéficiaire est autorisé à apposer le Logo sur sa documentation institutionnelle, commerciale et technique (brochures publicitaires, commerciales, documents techniques, sans restriction de support – papier, CD-ROM, internet, intranet, support magnétique etc.).")
	d.h2("6.5 Utilisations non-autorisées")
	d.body("Le Bénéficiaire s’engage à ne pas utiliser le(s) Logo(s) en violation des dispositions des présentes, ainsi qu’à des fins ou dans des conditions illicites, contraires à l’ordre public ou aux bonnes mœurs, susceptibles de porter atteinte aux droits ainsi qu’à l’image de l’ANS ou de tout tiers.")
	d.body("Le Bénéficiaire s’interdit de déposer, enregistrer, utiliser ou exploiter, dans quelque territoire que ce soit, de marque ou signe identique ou similaire au(x) Logo(s), susceptible de leur porter atteinte ou de créer une confusion avec ceux-ci.")
	d.body("L’ANS se réserve le droit de prendre toute mesure destinée à contrôler le respect des dispositions des présentes.")
	d.h2("6.6 Défense de la Marque")
	d.body("Le Bénéficiaire a la charge de veiller au bon usage de la labellisation et du Logo, sans que l’ANS ne puisse être tenue responsable d’une utilisation non conforme ou frauduleuse.")
	d.body("Le Bénéficiaire s’oblige à signaler dans les plus brefs délais à l’ANS toute atteinte aux droits sur le(s) Logo(s) dont il aurait connaissance, notamment tout acte de détournement, contrefaçon, concurrence déloyale ou parasitisme.")
	d.h2("6.7 Responsabilité")
	d.body("Le Bénéficiaire est seul responsable de son utilisation du Logo et des conséquences directes ou indirectes qui pourraient en résulter.")
	d.body("Le Bénéficiaire s’engage à ce que les sociétés titulaires d’un droit de distribution sur la solution labellisée soient obligées contractuellement à respecter les obligations prévues par le présent article. En cas de mise en jeu de la responsabilité de l’ANS par un tiers, du fait de l’utilisation non conforme du Logo par le Bénéficiaire, ce-dernier s’engage à en supporter tous les frais et condamnations résultant le cas échéant d’une telle action.")
	d.h2("6.8 Fin du droit d’utilisation")
	d.body("La résiliation de la présente Convention ainsi que le retrait de la labellisation, pour quelque motif que ce soit, entrainent immédiatement la résiliation de plein droit de la licence d’utilisation du ou des Logos.")
	d.body("Tout manquement aux règles d’utilisation des Logos, non réparé dans un délai de trente (30) jours calendaires à compter de l’envoi d’un courrier recommandé avec avis de réception notifiant le manquement en cause, peut entrainer le retrait du label, la résiliation de plein droit de la licence d’utilisation du Logo et la résiliation de la présente Convention, sans préjudice de toute autre poursuite susceptible d’être engagée par l’ANS.")
	d.body("La résiliation pour quelque motif que ce soit de la licence d’utilisation du Logo emporte l’obligation pour le Bénéficiaire de cesser immédiatement toute utilisation de la Marque et, notamment d’en retirer toute reproduction de tous les supports du Bénéficiaire.")
	d.h2("6.9 Modalités de publicité de l’attribution du label")
	d.body("La liste des solutions labellisées est consultable sur le site Internet de l’ANS (http://esante.gouv.fr). La publication porte, pour chaque labellisation, sur :")
	d.bullet("le nom du Bénéficiaire ;")
	d.bullet("le nom de la solution ;")
	d.bullet("la version de la solution ayant fait l’objet de la labellisation;")
	d.bullet("les types de structures couvertes par la solution ;")
	d.bullet("la liste des professions déclarées par le Bénéficiaire ;")
	d.bullet("le niveau de labellisation.")
	d.body("En outre, l’ANS invite le Bénéficiaire à inscrire sa solution et à mentionner sa labellisation dans la base « RELIMS », base nationale de référencement des éditeurs de logiciels et intégrateurs du marché de la santé placée sous la responsabilité de la Direction Générale de l’Offre de Soins. Cette base est accessible sur le site internet du Ministère chargé de la santé.")

	d.h1("Article 7. Confidentialité")
	d.body("L’ANS s’engage à conserver comme strictement confidentielles et à ne pas divulguer, révéler ou exploiter, directement ou indirectement, les informations qu’elle a pu recueillir sur tout ou partie de la solution logicielle du Bénéficiaire. Elle s’engage à reporter cette obligation de confidentialité auprès de tout prestataire de son choix éventuellement appelé à intervenir dans le processus d’attribution ou de maintien de la labellisation.")
	d.body("L’ANS s’engage à ne pas communiquer sur la qualité intrinsèque de la solution.")
	d.body("Les présentes dispositions s’appliquent en particulier aux résultats obtenus par la solution logicielle tout au long du processus de labellisation, au terme des audits prévus et effectués par l’ANS pendant la durée de la labellisation. Elles s’appliquent également à toutes les informations techniques, méthodes, savoir-faire, procédés et documents de quelque nature qu’ils soient, communiqués par le candidat et par le Bénéficiaire à l’ANS.")
	d.body("Réciproquement, le Bénéficiaire s’engage à conserver confidentielles les informations portées à sa connaissance dans le cadre de l’exécution de la présente Convention.")
	d.body("Les Parties conviennent que la présente clause demeurera en vigueur pendant la durée de la présente Convention et pendant une durée de deux (2) ans à compter du terme de la Convention, pour quelque motif que ce soit.")
	d.body("Il est expressément convenu que les Parties ne sauraient être tenues pour responsables de la divulgation d’une information si celle-ci relève du domaine public ou si elle a été obtenue licitement à partir d’autres sources.")

	d.h1("Article 8. Modification - Durée et entrée en vigueur")
	d.body("La présente Convention est conclue pour une durée d’un (1) an, et renouvellera par tacite reconduction pour des périodes d’un (1) an sauf résiliation par l’une des deux parties dans les conditions prévues à l’article 9 des présentes. Elle entre en vigueur à compter de sa signature par la dernière des deux parties.")
	d.body("Toute modification de la présente Convention, y compris de tout document contractuel listé à l’article 2, donne lieu à la rédaction d’un avenant daté et signé des deux parties sauf lorsqu’elle concerne une évolution du contenu du label et notamment, du référentiel fonctionnel, par l’ANS. Dans ce cas, cette évolution fait l’objet d’une information aux éditeurs et donne lieu à la signature d’un avenant à la convention. Un délai d’application pourra être prévu, de six (6) à douze (12) mois selon la portée de l’évolution.")

	d.h1("Article 9. Résiliation de la Convention")
	d.h2("9.1 Résiliation à l’initiative du Bénéficiaire")
	d.body("Le Bénéficiaire peut à tout moment résilier la Convention par lettre recommandée avec accusé de réception, sous réserve du respect d’un préavis de six (6) mois.")
	d.h2("9.2 Résiliation à l’initiative de l’ANS")
	d.h3("9.2.1 Cas général")
	d.body("Le non-respect d’une ou plusieurs des obligations énoncées par la présente Convention (par exemple, mésusage du logo, refus de se soumettre à un contrôle, retrait du certificat « LAP », absence de notification à l’ANS d’un changement d’hébergeur, etc.) peut entraîner sa résiliation et par là même, le retrait du droit d’utiliser le label.")
	d.body("La résiliation ne devient effective qu’un mois après l’envoi par l’ANS d’une lettre recommandée avec avis de réception de mise en demeure de remédier au manquement constaté restée infructueuse. Pendant ce délai, le Bénéficiaire s’engage à tout mettre en œuvre pour faire cesser le manquement constaté.")
	d.h3("9.2.2 Cas des visites et audit prévus à l’article 5")
	d.body("La résiliation de la Convention à l’initiative de l’ANS peut intervenir suite à une visite ou d’un audit (par exemple, en cas de non-conformité de la solution).")
	d.h3("9.2.3 Cas de l’élargissement du périmètre du label")
	d.body("L’ANS se réserve le droit de mettre fin à la Convention en cas d’élargissement du périmètre du label. Elle en informera le Bénéficiaire par lettre recommandée avec avis de réception en lui précisant la nouvelle procédure de labellisation.")
	d.h2("9.3 Conséquences de la résiliation")
	d.body("En cas de résiliation de la Convention, quel que soit le motif, le Bénéficiaire est tenu :")
	d.bullet("de ne plus utiliser le label et les Logos ;")
	d.bullet("de procéder dans un délai de trente (30) jours calendaires au retrait de tous les documents sur lesquels est apposé le Logo ou sur lesquels sont mentionnées des informations relatives à la labellisation attribuée par l’ANS;")
	d.bullet("de communiquer auprès des clients et utilisateurs des solutions logicielles impactées sur la nature et l’origine du retrait, sous un délai de trois (3) semaines à compter du retrait de la labellisation.")
	d.body("La solution logicielle sera retirée de la liste des solutions labellisées par l’ANS.")
	d.body("Lorsque la solution a fait l’objet d’un retrait du label à l’initiative de l’ANS, l’éditeur concerné peut soumettre un nouveau dossier de candidature")

	d.h1("Article 10. Droits de propriété sur les éléments fournis par l’ANS")
	d.body("L’ANS est seule propriétaire de la documentation mise à disposition des candidats et Bénéficiaires de la labellisation, dont elle autorise l’usage et la reproduction aux seules fins de l’obtention et du maintien de la labellisation durant la période de validité de la présente Convention.")

	d.h1("Article 11. Cession")
	d.body("Le Bénéficiaire est tenu d’informer l’ANS en cas de cession de sa solution et/ou du présent contrat, ou en cas de changement de contrôle du Bénéficiaire au bénéfice d’une autre organisation et de communiquer les coordonnées de l’organisation concernée, à tout moment du déroulement du processus de labellisation.")
	d.body("Elle donne lieu à un avenant à la présente Convention daté et signé des deux parties.")
	d.body("La cession de la solution labellisée et/ou de la présente Convention entraîne la cession des droits et obligations au titre de la présente Convention à l’organisation nouvellement propriétaire. La Convention s’applique de la même manière à l’organisation nouvellement propriétaire de la solution.")

	d.h1("Article 12. Règlement des différends")
	d.body("Les litiges éventuels seront portés devant le tribunal administratif du siège social de l’ANS s’ils ne peuvent être réglés à l’amiable.")

	d.p("SignaturePlace", "Fait en deux exemplaires originaux,", keepNext())
	d.p("SignaturePlace", "A {{.SignaturePlace}}, le {{with .SignatureDate}}{{dateFR .}}{{else}}___/___/_______ (A remplir par l’ANS){{end}}", keepNext())
	d.line(`<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/><w:tblW w:w="9072" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	d.line(`<w:tblGrid><w:gridCol w:w="4536"/><w:gridCol w:w="4536"/></w:tblGrid>`)
	d.line("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
	d.indent = "  "
	d.line(`<w:tc><w:tcPr><w:tcW w:w="4536" w:type="dxa"/></w:tcPr>`)
	d.p("SignatureParty", "L’agence du numérique en santé")
	d.p("SignatureLine", "{{with .ANS}}{{.Name}}{{else}}Madame Annie Prévot{{end}}")
	d.p("SignatureLine", "{{with .ANS}}{{.Title}}{{else}}Directrice{{end}}")
	d.line("</w:tc>")
	d.line(`<w:tc><w:tcPr><w:tcW w:w="4536" w:type="dxa"/></w:tcPr>`)
	d.p("SignatureParty", "La société {{if .Blank}}…………………………..{{else}}{{.Company.Name}}{{end}}")
	d.p("SignatureLine", "{{if .Blank}}[Civilité] [Nom] [Prénom]{{else}}{{"+rep+".Civility}} {{"+rep+".LastName}} {{"+rep+".FirstName}}{{end}}")
	d.p("SignatureLine", "{{if .Blank}}[Titre]{{else}}{{"+rep+".Title}}{{end}}")
	d.p("SignatureStamp", "Cachet de la société")
	d.line("</w:tc>")
	d.indent = ""
	d.line("</w:tr>")
	d.line("</w:tbl>")

	d.p("AnnexTitle", "ANNEXE 1 – Référentiel fonctionnel du label – « Logiciel Maisons et Centres de santé »", pageBreak())
	d.p("AnnexTitle", "ANNEXE 2 – Règlement du label « e-santé Logiciel Centres de santé »")
	d.p("AnnexTitle", "ANNEXE 3 – Plan Assurance Sécurité de la vérification de conformité du label « e-santé Logiciel Maisons et Centres de Santé »")
	d.p("AnnexTitle", "ANNEXE 4 – (Documents composant le dossier, autres que ceux annexés à la convention conformément à la liste des annexes)")
	d.block("{{range .Annexes}}")
	d.p("AnnexDocument", "{{.Title}}")
	d.block("{{if .Description}}")
	d.p("AnnexDescription", "{{.Description}}")
	d.block("{{end}}")
	d.block("{{end}}")

	return xmlHeader + `<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" mc:Ignorable="w14">` + "\n<w:body>\n" +
		d.b.String() +
		`<w:sectPr><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>` +
		"\n</w:body>\n</w:document>\n"
}
