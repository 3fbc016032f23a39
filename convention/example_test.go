package convention_test

import (
	"errors"
	"fmt"
	"strings"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/esante/labelkit/convention"
)

// Load an input file and validate it.
func ExampleLoadFile() {
	c, err := convention.LoadFile("../examples/monosite-standard.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	rep := c.Company.Representative
	fmt.Println(c.Reason.Label())
	fmt.Println(c.Company.Name, "—", c.Company.RegistrationID)
	fmt.Printf("Représentée par %s %s %s, %s\n", rep.Civility, rep.LastName, rep.FirstName,
		rep.Civility.Agree("dûment habilité", "dûment habilitée"))
	fmt.Println(c.Solution.Deployment.Label(), "—", c.Level.Label())
	// Output:
	// Première demande de labellisation
	// Médilogic SAS — 81234567600017
	// Représentée par Madame Martin Claire, dûment habilitée
	// Monosite — Niveau Standard
}

// Decode reports every unknown key at once, with its position and a
// suggestion.
func ExampleDecode_unknownKeys() {
	input := `
reason = "first"
levle = "standard"

[company]
postalCode = "75015"
`
	_, err := convention.Decode(strings.NewReader(input), convention.TOML)
	var problems convention.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Printf("%d:%d %s [%s]\n", p.Line, p.Column, p.Path, p.Code)
		}
	}
	fmt.Println(problems[0].Message)
	// Output:
	// 3:1 levle [unknown_key]
	// 6:1 company.postalCode [unknown_key]
	// clé inconnue « levle » : vouliez-vous dire « level » ? Corrigez son nom ou retirez-la
}

// Text gives a problem's message in English; the agreement's labels stay
// as they are.
func ExampleProblem_Text() {
	c, _ := convention.Decode(strings.NewReader(`[company]
name = ""
`), convention.TOML)
	problems := c.Check()
	p := problems[2]
	fmt.Println(p.Message)
	fmt.Println(p.Text(language.English))
	fmt.Println(p.ErrorText(language.English))
	// Output:
	// obligatoire : renseignez « Et la société (raison sociale) »
	// required: fill in « Et la société (raison sociale) »
	// company.name: required: fill in « Et la société (raison sociale) »
}

// Validate reports every broken rule at once, in the order of the input
// format.
func ExampleConvention_Validate() {
	c, err := convention.Decode(strings.NewReader(`{
  "reason": "first",
  "level": "standard",
  "company": {
    "name": "Médilogic SAS", "address": "14 rue des Tanneurs", "postal_code": "67000",
    "city": "Strasbourg", "phone": "03 88 12 34 56", "email": "contact@medilogic.example.fr",
    "registration_id": "812 345 676 00018", "registration_place": "RCS de Strasbourg",
    "registration_number": "812 345 676",
    "representative": {"civility": "Madame", "first_name": "Claire", "last_name": "Martin", "title": "Présidente"}
  },
  "solution": {
    "name": "CentreSanté Pro", "version": "4.2.1", "centres_only": true,
    "deployment": "multisite", "professions": ["infirmier"],
    "hosting": {"hosted": true, "provider": "Hébergeur agréé SAS"}
  }
}`), convention.JSON)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Validate())
	// Output:
	// 3 problèmes :
	// company.registration_id: SIRET « 81234567600018 » invalide : sa clé de contrôle (Luhn) est fausse ; vérifiez les 14 chiffres
	// solution.max_sites: obligatoire en multisite : indiquez le nombre maximum de sites (2 ou plus)
	// solution.hosting.scope: obligatoire lorsque solution.hosting.hosted = true : renseignez « Périmètre de l'agrément »
}

// The check boxes of article 3.1, for a template.
func ExampleSolution_ProfessionOptions() {
	s := convention.Solution{Professions: []convention.Profession{convention.Infirmier, convention.SageFemme}}
	for _, o := range s.ProfessionOptions()[:4] {
		box := "☐"
		if o.Selected {
			box = "☒"
		}
		fmt.Println(box, o.Label)
	}
	// Output:
	// ☐ Médecin généraliste
	// ☐ Médecin spécialiste
	// ☒ Infirmier
	// ☐ Masseur Kinésithérapeute
}

// The date of signature in French.
func ExampleDate_French() {
	d, _ := convention.ParseDate("2026-12-01")
	fmt.Println(d.French())
	// Output: 1er décembre 2026
}

// Starter is the commented input that `labelkit init` writes: it decodes,
// and Validate lists the placeholders left to fill.
func ExampleStarter() {
	fsys := fstest.MapFS{"convention.toml": {Data: convention.Starter()}}
	c, err := convention.LoadFS(fsys, "convention.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	ps := c.Check()
	fmt.Println(ps[0].Code, ps[0].Path)
	// Output: placeholder company.name
}
