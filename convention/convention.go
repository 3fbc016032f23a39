package convention

// Convention is one candidate's agreement « Convention relative aux conditions
// d'utilisation du label e-santé Logiciel Centres de santé » V2 (version 4.0.2):
// everything the candidate (and, for the signature, the agency) fills in.
//
// The toml and json tags are the input format's contract: snake_case keys, the
// same in TOML and JSON. Decode and LoadFile fill a Convention strictly (unknown
// keys are errors) and normalize it; Validate reports every problem at once.
type Convention struct {
	// Reason is the motive of the agreement (« Motif de la Convention »).
	Reason Reason `toml:"reason" json:"reason"`
	// Level is the labelling level of article 3.2.
	Level Level `toml:"level" json:"level"`
	// Company is the candidate (« Et la société … » and the identification block).
	Company Company `toml:"company" json:"company"`
	// Solution is the software described in the table of article 3.1.
	Solution Solution `toml:"solution" json:"solution"`
	// Annexes are the candidate's own Annexe 4 documents. Annexes 1 to 3 are
	// fixed by the agreement and listed by the template.
	Annexes []Annex `toml:"annexes" json:"annexes,omitempty"`
	// ANS is the agency's signatory; nil means the wording of version 4.0.2.
	ANS *Signatory `toml:"ans" json:"ans,omitempty"`
	// Signature is the place and date of signature; nil means the defaults
	// (Paris, date left blank for the agency).
	Signature *Signature `toml:"signature" json:"signature,omitempty"`
}

// Company is the candidate company.
type Company struct {
	Name               string         `toml:"name" json:"name"`
	Address            string         `toml:"address" json:"address"` // siège social, may be multi-line
	PostalCode         string         `toml:"postal_code" json:"postal_code"`
	City               string         `toml:"city" json:"city"`
	Country            string         `toml:"country" json:"country,omitempty"` // default "France"
	Phone              string         `toml:"phone" json:"phone"`
	Fax                string         `toml:"fax" json:"fax,omitempty"`
	Email              string         `toml:"email" json:"email"`
	RegistrationID     string         `toml:"registration_id" json:"registration_id"`
	RegistrationPlace  string         `toml:"registration_place" json:"registration_place"`
	RegistrationNumber string         `toml:"registration_number" json:"registration_number"`
	Representative     Representative `toml:"representative" json:"representative"`
}

// Representative is the person who signs for the candidate company.
type Representative struct {
	Civility  Civility `toml:"civility" json:"civility"`
	FirstName string   `toml:"first_name" json:"first_name"`
	LastName  string   `toml:"last_name" json:"last_name"`
	Title     string   `toml:"title" json:"title"` // sa qualité
}

// Solution is the software described in article 3.1.
type Solution struct {
	Name             string       `toml:"name" json:"name"` // désignation commerciale
	Components       []string     `toml:"components" json:"components,omitempty"`
	Version          string       `toml:"version" json:"version"`
	CentresOnly      bool         `toml:"centres_only" json:"centres_only"`
	Deployment       Deployment   `toml:"deployment" json:"deployment"`
	MaxSites         int          `toml:"max_sites" json:"max_sites,omitempty"` // multisite only
	Professions      []Profession `toml:"professions" json:"professions,omitempty"`
	OtherProfessions []string     `toml:"other_professions" json:"other_professions,omitempty"`
	Hosting          Hosting      `toml:"hosting" json:"hosting"`
	LAP              *LAP         `toml:"lap" json:"lap,omitempty"`
	DMP              *DMP         `toml:"dmp" json:"dmp,omitempty"`
	SesamVitale      *SesamVitale `toml:"sesam_vitale" json:"sesam_vitale,omitempty"`
}

// Hosting is the « Mode d'hébergement de la solution ».
type Hosting struct {
	Hosted   bool   `toml:"hosted" json:"hosted"`
	Provider string `toml:"provider" json:"provider,omitempty"` // hébergeur agréé
	Scope    string `toml:"scope" json:"scope,omitempty"`       // périmètre de l'agrément
}

// LAP is the « Certification LAP » row.
type LAP struct {
	Certificate string `toml:"certificate" json:"certificate"`
	Number      string `toml:"number" json:"number"`
}

// DMP is the « Homologation à la DMP compatibilité » row. Module names the
// external module the solution relies on, when the homologation is the module's.
type DMP struct {
	Homologation string `toml:"homologation" json:"homologation"`
	Module       string `toml:"module" json:"module,omitempty"`
}

// SesamVitale is the « Homologation / Agrément SESAM Vitale » row.
type SesamVitale struct {
	Approval         string   `toml:"approval" json:"approval"`
	CoversThirdParty bool     `toml:"covers_third_party" json:"covers_third_party"`
	Specialties      []string `toml:"specialties" json:"specialties,omitempty"`
}

// Annex is one document of Annexe 4.
type Annex struct {
	Title       string `toml:"title" json:"title"`
	Description string `toml:"description" json:"description,omitempty"`
}

// Signatory is the agency's signatory.
type Signatory struct {
	Name  string `toml:"name" json:"name"` // with civility: « Madame Annie Prévot »
	Title string `toml:"title" json:"title"`
}

// Signature is the place and date of signature.
type Signature struct {
	Place string `toml:"place" json:"place,omitempty"` // default "Paris"
	Date  *Date  `toml:"date" json:"date,omitempty"`   // filled by the agency; nil leaves the line blank
}
