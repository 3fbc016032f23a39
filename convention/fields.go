package convention

// field describes one key of the input format: its key path (list items as
// "[]"), the agreement's wording for it (Label, Diff and Validate's messages
// read it here), and for a text field its maximum length in characters,
// whether it may hold several lines (max 0: not a text field) and what to
// write there, in our words, for the message of a placeholder left as is
// (« remplacez « À COMPLÉTER : code postal » par le code postal de la
// société »). FORMAT.md documents the path, label and length; a test keeps
// them in step.
type field struct {
	path      string
	label     string
	max       int
	multiline bool
	what      string
}

// The most items a list of the format may hold.
const (
	maxComponents       = 50
	maxOtherProfessions = 20
	maxSpecialties      = 50
	maxAnnexes          = 50
)

// MaxSites is the largest accepted solution.max_sites.
const MaxSites = 100000

var fields = []field{
	{"reason", "Motif de la Convention", 0, false, ""},
	{"level", "Niveau de labellisation", 0, false, ""},
	{"company.name", "Et la société (raison sociale)", 200, false, "la raison sociale de la société"},
	{"company.address", "Adresse (siège social)", 500, true, "l'adresse du siège social de la société"},
	{"company.postal_code", "Code Postal", 20, false, "le code postal de la société"},
	{"company.city", "Commune", 100, false, "la commune de la société"},
	{"company.country", "Pays", 100, false, "le pays de la société"},
	{"company.phone", "N° de téléphone", 30, false, "le numéro de téléphone de la société"},
	{"company.fax", "N° de fax", 30, false, "le numéro de fax de la société"},
	{"company.email", "Adresse e-mail", 254, false, "l'adresse e-mail de la société"},
	{"company.registration_id", "Immatriculation au RCS ou N° Siret ou n° d'identification de l'établissement", 100, false, "l'immatriculation de la société (RCS, SIRET ou n° d'identification de l'établissement)"},
	{"company.registration_place", "Lieu de l'immatriculation", 100, false, "le lieu d'immatriculation de la société"},
	{"company.registration_number", "Numéro d'immatriculation", 100, false, "le numéro d'immatriculation de la société"},
	{"company.representative.civility", "Représentée par (civilité)", 0, false, ""},
	{"company.representative.first_name", "Représentée par (prénom)", 100, false, "le prénom du représentant de la société"},
	{"company.representative.last_name", "Représentée par (nom)", 100, false, "le nom du représentant de la société"},
	{"company.representative.title", "en sa qualité de", 150, false, "la qualité (la fonction) du représentant de la société"},
	{"solution.name", "Désignation commerciale de la solution logicielle", 200, false, "la désignation commerciale de la solution logicielle"},
	{"solution.components[]", "Liste des composants applicatifs", 200, false, "le nom d'un composant applicatif de la solution"},
	{"solution.version", "N° de version de la solution logicielle", 50, false, "le numéro de version de la solution logicielle"},
	{"solution.centres_only", "La solution logicielle est destinée aux seuls centres de santé", 0, false, ""},
	{"solution.deployment", "La solution logicielle peut être déployée de façon", 0, false, ""},
	{"solution.max_sites", "Nombre maximum de sites", 0, false, ""},
	{"solution.professions[]", "Professions de santé", 0, false, ""},
	{"solution.other_professions[]", "Autres (à préciser)", 100, false, "une autre profession de santé à qui la solution est destinée"},
	{"solution.hosting.hosted", "La solution est-elle fournie en mode hébergé ?", 0, false, ""},
	{"solution.hosting.provider", "Nom de l'hébergeur agréé", 200, false, "le nom de l'hébergeur agréé"},
	{"solution.hosting.scope", "Périmètre de l'agrément", 1000, true, "le périmètre de l'agrément de l'hébergeur"},
	{"solution.lap.certificate", "Nom du certificat de la solution certifiée LAP", 200, false, "le nom du certificat de la solution certifiée LAP"},
	{"solution.lap.number", "Numéro du certificat LAP", 100, false, "le numéro du certificat LAP"},
	{"solution.dmp.homologation", "Numéro d'homologation à la DMP compatibilité", 200, false, "le numéro d'homologation à la DMP compatibilité"},
	{"solution.dmp.module", "Module externe (nom)", 200, false, "le nom du module externe"},
	{"solution.sesam_vitale.approval", "Numéro d'homologation / agrément SESAM Vitale", 200, false, "le numéro d'homologation ou d'agrément SESAM Vitale"},
	{"solution.sesam_vitale.covers_third_party", "L'homologation / agrément SESAM Vitale couvre également les logiciels tiers", 0, false, ""},
	{"solution.sesam_vitale.specialties[]", "Spécialités de professionnels de santé couvertes", 100, false, "une spécialité de professionnels de santé couverte par l'homologation"},
	{"annexes[].title", "Intitulé du document de l'annexe 4", 300, false, "l'intitulé du document de l'annexe 4"},
	{"annexes[].description", "Description du document de l'annexe 4", 2000, true, "la description du document de l'annexe 4"},
	{"ans.name", "Signataire de l'ANS (civilité, prénom, nom)", 200, false, "la civilité, le prénom et le nom du signataire de l'ANS"},
	{"ans.title", "Qualité du signataire de l'ANS", 200, false, "la qualité du signataire de l'ANS"},
	{"signature.place", "Lieu de signature (« A … »)", 100, false, "le lieu de signature"},
	{"signature.date", "Date de signature", 0, false, ""},
}

// Label returns the agreement's wording for the key path (« N° de version
// de la solution logicielle » for "solution.version"; list indexes are
// ignored: "annexes[2].title"), or "" for a path the format does not have.
func Label(path string) string {
	f, _ := findField(patternOf(path))
	return f.label
}

// findField returns the field whose path is pattern (list items as "[]").
func findField(pattern string) (field, bool) {
	for _, f := range fields {
		if f.path == pattern {
			return f, true
		}
	}
	return field{}, false
}

// lookupField is findField for a pattern written in the source: a pattern the
// format does not have is a bug.
func lookupField(pattern string) field {
	f, ok := findField(pattern)
	if !ok {
		panic("convention: no field " + pattern)
	}
	return f
}
