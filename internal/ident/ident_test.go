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
