package convention

// The enumerations are string types: decoding never fails on an unknown
// value, Validate reports it with every other problem. Each has Label (the
// agreement's own wording, "" for an empty or unknown value), Valid and
// String, and the predicates templates use; all are value receivers, safe on
// the zero value.

// labels is an enumeration: its values in the agreement's order, each with
// the agreement's wording of it.
type labels[T ~string] []struct {
	value T
	label string
}

// values returns the values in order, in a new slice.
func (l labels[T]) values() []T {
	out := make([]T, len(l))
	for i, e := range l {
		out[i] = e.value
	}
	return out
}

// index returns the position of v, or -1 when it is not a value.
func (l labels[T]) index(v T) int {
	for i, e := range l {
		if e.value == v {
			return i
		}
	}
	return -1
}

// label returns the wording of v, or "" when it is not a value.
func (l labels[T]) label(v T) string {
	if i := l.index(v); i >= 0 {
		return l[i].label
	}
	return ""
}

// Reason is the « Motif de la Convention ».
type Reason string

// The reasons of the agreement.
const (
	ReasonFirst   Reason = "first"   // Première demande de labellisation
	ReasonRenewal Reason = "renewal" // Demande de renouvellement de labellisation V1 en V2
)

var reasons = labels[Reason]{
	{ReasonFirst, "Première demande de labellisation"},
	{ReasonRenewal, "Demande de renouvellement de labellisation V1 en V2"},
}

// AllReasons returns the reasons in the agreement's order.
func AllReasons() []Reason { return reasons.values() }

// Label returns the agreement's wording of r, or "" when r is not valid.
func (r Reason) Label() string { return reasons.label(r) }

// Valid reports whether r is one of the listed reasons.
func (r Reason) Valid() bool { return r.Label() != "" }

// String returns the input-format value of r ("first", "renewal").
func (r Reason) String() string { return string(r) }

// IsFirst reports whether r is a first application.
func (r Reason) IsFirst() bool { return r == ReasonFirst }

// IsRenewal reports whether r is the renewal of a V1 label in V2.
func (r Reason) IsRenewal() bool { return r == ReasonRenewal }

// Level is the labelling level of article 3.2.
type Level string

// The levels of article 3.2.
const (
	LevelStandard Level = "standard" // Niveau Standard (niveau 1)
	LevelAdvanced Level = "advanced" // Niveau Avancé (niveau 2)
)

var levels = labels[Level]{
	{LevelStandard, "Niveau Standard"},
	{LevelAdvanced, "Niveau Avancé"},
}

// AllLevels returns the levels in the agreement's order.
func AllLevels() []Level { return levels.values() }

// Label returns the agreement's wording of l (« Niveau Standard », « Niveau
// Avancé »), or "" when l is not valid.
func (l Level) Label() string { return levels.label(l) }

// Number returns the level's number in article 3.2 (1 for standard, 2 for
// advanced), or 0 when l is not valid.
func (l Level) Number() int { return levels.index(l) + 1 }

// Valid reports whether l is one of the listed levels.
func (l Level) Valid() bool { return l.Label() != "" }

// String returns the input-format value of l ("standard", "advanced").
func (l Level) String() string { return string(l) }

// IsStandard reports whether l is the standard level (niveau 1).
func (l Level) IsStandard() bool { return l == LevelStandard }

// IsAdvanced reports whether l is the advanced level (niveau 2).
func (l Level) IsAdvanced() bool { return l == LevelAdvanced }

// Civility is the representative's civility.
type Civility string

// The civilities.
const (
	Madame   Civility = "Madame"
	Monsieur Civility = "Monsieur"
)

var civilities = labels[Civility]{{Madame, "Madame"}, {Monsieur, "Monsieur"}}

// AllCivilities returns the civilities.
func AllCivilities() []Civility { return civilities.values() }

// Label returns the civility as written in the agreement, or "" when c is
// not valid.
func (c Civility) Label() string { return civilities.label(c) }

// Valid reports whether c is Madame or Monsieur.
func (c Civility) Valid() bool { return c.Label() != "" }

// String returns the input-format value of c.
func (c Civility) String() string { return string(c) }

// IsFeminine reports whether c is Madame.
func (c Civility) IsFeminine() bool { return c == Madame }

// Agree returns the form of a word that agrees with the civility: feminine
// for Madame, masculine otherwise (including the zero value), e.g.
// {{.Company.Representative.Civility.Agree "dûment habilité" "dûment habilitée"}}.
func (c Civility) Agree(masculine, feminine string) string {
	if c == Madame {
		return feminine
	}
	return masculine
}

// Deployment is how the solution can be deployed (article 3.1).
type Deployment string

// The deployments of article 3.1.
const (
	Monosite  Deployment = "monosite"
	Multisite Deployment = "multisite"
)

var deployments = labels[Deployment]{{Monosite, "Monosite"}, {Multisite, "Multisites"}}

// AllDeployments returns the deployments in the agreement's order.
func AllDeployments() []Deployment { return deployments.values() }

// Label returns the agreement's wording (« Monosite », « Multisites »), or ""
// when d is not valid.
func (d Deployment) Label() string { return deployments.label(d) }

// Valid reports whether d is one of the listed deployments.
func (d Deployment) Valid() bool { return d.Label() != "" }

// String returns the input-format value of d.
func (d Deployment) String() string { return string(d) }

// IsMonosite reports whether d is monosite.
func (d Deployment) IsMonosite() bool { return d == Monosite }

// IsMultisite reports whether d is multisite.
func (d Deployment) IsMultisite() bool { return d == Multisite }

// Profession is a health profession of article 3.1's list.
type Profession string

// The professions of article 3.1, in the agreement's order.
const (
	MedecinGeneraliste      Profession = "medecin_generaliste"
	MedecinSpecialiste      Profession = "medecin_specialiste"
	Infirmier               Profession = "infirmier"
	MasseurKinesitherapeute Profession = "masseur_kinesitherapeute"
	PedicurePodologue       Profession = "pedicure_podologue"
	Orthophoniste           Profession = "orthophoniste"
	Orthoptiste             Profession = "orthoptiste"
	Dieteticien             Profession = "dieteticien"
	SageFemme               Profession = "sage_femme"
	Psychologue             Profession = "psychologue"
	Pharmacien              Profession = "pharmacien"
	ChirurgienDentiste      Profession = "chirurgien_dentiste"
)

var professions = labels[Profession]{
	{MedecinGeneraliste, "Médecin généraliste"},
	{MedecinSpecialiste, "Médecin spécialiste"},
	{Infirmier, "Infirmier"},
	{MasseurKinesitherapeute, "Masseur Kinésithérapeute"},
	{PedicurePodologue, "Pédicure - Podologue"},
	{Orthophoniste, "Orthophoniste"},
	{Orthoptiste, "Orthoptiste"},
	{Dieteticien, "Diététicien"},
	{SageFemme, "Sage-femme"},
	{Psychologue, "Psychologue"},
	{Pharmacien, "Pharmacien"},
	{ChirurgienDentiste, "Chirurgien-dentiste"},
}

// AllProfessions returns the 12 professions in the agreement's order. The
// slice is new at each call.
func AllProfessions() []Profession { return professions.values() }

// Label returns the profession as written in the agreement (« Masseur
// Kinésithérapeute », « Pédicure - Podologue »), or "" when p is not valid.
func (p Profession) Label() string { return professions.label(p) }

// Valid reports whether p is one of the 12 listed professions.
func (p Profession) Valid() bool { return p.Label() != "" }

// String returns the input-format key of p ("masseur_kinesitherapeute").
func (p Profession) String() string { return string(p) }

// Option is one box of a list of check boxes: the input-format value, the
// agreement's label, and whether the candidate ticked it.
type Option struct {
	Value    string
	Label    string
	Selected bool
}
