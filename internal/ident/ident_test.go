package ident

import "testing"

func TestLuhn(t *testing.T) {
	for s, want := range map[string]bool{
		"732829320":      true,  // a SIREN with a valid key
		"732829321":      false, // key off by one
		"73282932000074": true,
		"73282932000075": false,
		"356000000":      true,
		"":               false,
		"12a":            false,
		"0":              true,
	} {
		if got := Luhn(s); got != want {
			t.Errorf("Luhn(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSIRENSIRET(t *testing.T) {
	sirens := map[string]bool{
		"732 829 320":    true,
		"732829320":      true,
		"732.829.320":    true,
		"732829321":      false,
		"73282932":       false,
		"7328293200":     false,
		"356000000":      true,
		"abcdefghi":      false,
		"732 829 32O":    false, // letter O
		"73282932000074": false,
	}
	for s, want := range sirens {
		if got := IsSIREN(s); got != want {
			t.Errorf("IsSIREN(%q) = %v, want %v", s, got, want)
		}
	}
	sirets := map[string]bool{
		"732 829 320 00074": true,
		"73282932000074":    true,
		"73282932000075":    false,
		"7328293200007":     false,
		"35600000000048":    true,  // La Poste head office: Luhn valid
		"35600000049837":    true,  // La Poste establishment: digit sum 50, Luhn invalid
		"35600000049838":    false, // digit sum 51
		"35600000000049":    false,
		"732829320":         false,
		"7328293200007x":    false,
	}
	for s, want := range sirets {
		if got := IsSIRET(s); got != want {
			t.Errorf("IsSIRET(%q) = %v, want %v", s, got, want)
		}
	}
	if Luhn("35600000049837") {
		t.Fatal("test premise: 35600000049837 must fail Luhn")
	}
}

func TestIsFrenchPhone(t *testing.T) {
	for s, want := range map[string]bool{
		"01 23 45 67 89":    true,
		"0123456789":        true,
		"01.23.45.67.89":    true,
		"01-23-45-67-89":    true,
		"+33 1 23 45 67 89": true,
		"+33123456789":      true,
		"+33 6 12 34 56 78": true,
		"06 12 34 56 7":     false,
		"06 12 34 56 789":   false,
		"00 12 34 56 78":    false,
		"+33 0 12 34 56 78": false,
		"+44 20 7946 0958":  false,
		"12 34 56 78 90":    false,
		"01 23 45 67 8a":    false,
		"(01) 23 45 67 89":  false,
		"":                  false,
		// Written from abroad: 00 for +, the trunk 0 in brackets.
		"+33 (0)4 78 12 34 56":  true,
		"+33(0)478123456":       true,
		"0033 4 78 12 34 56":    true,
		"0033 (0)4 78 12 34 56": true,
		"0033 04 78 12 34 56":   false,
		"+33 (0)0 78 12 34 56":  false,
		"+33 (1)4 78 12 34 56":  false,
		"+33 (0)4 78 12 34 5":   false,
		"(0)4 78 12 34 56":      false,
		"0044 20 7946 0958":     false,
		// Overseas departments: the 9-digit national plan.
		"0262 12 34 56":        true,
		"+262 262 12 34 56":    true,
		"+262 692 12 34 56":    true,
		"+262 269 61 23 45":    true, // Mayotte
		"+590 590 12 34 56":    true,
		"+594 594 12 34 56":    true,
		"+596 596 12 34 56":    true,
		"00596 696 12 34 56":   true,
		"+262 (0)262 12 34 56": true,
		"+262 262 12 34 5":     false,
		"+590 12 34 56":        false,
		// Overseas collectivities with shorter numbers.
		"+508 41 12 34":    true,
		"+681 72 12 34":    true,
		"+687 27 12 34":    true,
		"+689 40 12 34 56": true,
		"+689 87 12 34 56": true,
		"+687 27 12 34 5":  false,
		"+689 40 12 34":    false,
		"+508 41 12 34 56": false,
		"27 12 34":         false,
		// +269 is the Comoros' since Mayotte moved to +262.
		"+269 773 12 34": false,
	} {
		if got := IsFrenchPhone(s); got != want {
			t.Errorf("IsFrenchPhone(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsFrenchPostalCode(t *testing.T) {
	for s, want := range map[string]bool{
		"75015": true, "2A004": false, "7501": false, "750150": false, "75 015": false, "": false,
	} {
		if got := IsFrenchPostalCode(s); got != want {
			t.Errorf("IsFrenchPostalCode(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsPlainEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"contact@exemple.fr":        true,
		"jean.dupont+label@a-b.com": true,
		"Jean <jean@exemple.fr>":    false,
		"<jean@exemple.fr>":         false,
		" jean@exemple.fr":          false,
		"jean@exemple":              false,
		"jean@[127.0.0.1]":          false,
		"jean":                      false,
		"jean@@exemple.fr":          false,
		"jean@exemple.fr.":          false,
		"":                          false,
		`"jean"@exemple.fr`:         false, // rewritten by net/mail to jean@exemple.fr
	} {
		if got := IsPlainEmail(s); got != want {
			t.Errorf("IsPlainEmail(%q) = %v, want %v", s, got, want)
		}
	}
}
