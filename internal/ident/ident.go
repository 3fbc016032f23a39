// Package ident checks the identifiers a French company gives in the
// agreement: SIREN and SIRET numbers (Luhn key, with La Poste's exception),
// French telephone numbers, postal codes and e-mail addresses.
//
// Every check takes the text as the user typed it and ignores the separators
// people use in France (spaces, non-breaking spaces, dots, dashes) where the
// function says so.
package ident

import (
	"net/mail"
	"strings"
)

// LaPosteSIREN is the SIREN of La Poste, whose establishments' SIRET numbers
// do not follow the Luhn rule: the sum of their digits is a multiple of 5.
const LaPosteSIREN = "356000000"

// Digits returns s without the separators accepted inside SIREN, SIRET and
// telephone numbers: spaces (including non-breaking and narrow non-breaking
// spaces), tabs, dots and dashes. It does not remove any other character.
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '\u202f', '.', '-':
			return -1
		}
		return r
	}, s)
}

// AllDigits reports whether s is non-empty and only ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Luhn reports whether the digit string s has a valid Luhn key (ISO/IEC
// 7812-1), the key of SIREN and SIRET numbers. It returns false when s holds
// anything but ASCII digits.
func Luhn(s string) bool {
	if !AllDigits(s) {
		return false
	}
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// IsSIREN reports whether s (spaces accepted, see Digits) is a SIREN: 9
// digits with a valid Luhn key.
func IsSIREN(s string) bool {
	s = Digits(s)
	return len(s) == 9 && Luhn(s)
}

// IsSIRET reports whether s (spaces accepted, see Digits) is a SIRET: 14
// digits with a valid Luhn key, or, for La Poste's establishments (SIREN
// 356000000), 14 digits whose sum is a multiple of 5.
func IsSIRET(s string) bool {
	s = Digits(s)
	if len(s) != 14 || !AllDigits(s) {
		return false
	}
	if Luhn(s) {
		return true
	}
	if strings.HasPrefix(s, LaPosteSIREN) {
		sum := 0
		for i := 0; i < len(s); i++ {
			sum += int(s[i] - '0')
		}
		return sum%5 == 0
	}
	return false
}

// frenchCallingCodes are the country calling codes of France (33) and of
// the overseas departments and collectivities that have their own, each
// with the length of the number that follows it. La Réunion and Mayotte
// (262), Guadeloupe, Saint-Barthélemy and Saint-Martin (590), Guyane (594)
// and Martinique (596) share the 9-digit national plan (0262 xx xx xx is
// +262 262 xx xx xx); Saint-Pierre-et-Miquelon (508), Wallis-et-Futuna
// (681) and Nouvelle-Calédonie (687) have 6-digit numbers, Polynésie
// française (689) 8-digit ones. 269 is not there: Mayotte left it for 262
// in 2007, and it is now the Comoros'.
var frenchCallingCodes = []struct {
	code   string
	digits int
}{{"33", 9}, {"262", 9}, {"590", 9}, {"594", 9}, {"596", 9}, {"508", 6}, {"681", 6}, {"687", 6}, {"689", 8}}

// IsFrenchPhone reports whether s is a French telephone number: "0"
// followed by 9 digits, the first of them not 0 (metropolitan France and
// the overseas departments), or an international number of France or of an
// overseas department or collectivity (see frenchCallingCodes), written
// "+CC" or "00CC", with an optional "(0)" after the code. Spaces, dots and
// dashes are accepted anywhere (see Digits): "01 23 45 67 89",
// "+33 1.23.45.67.89", "+33 (0)4 78 12 34 56", "0033 4 78 12 34 56",
// "+262 262 12 34 56", "+687 27 12 34", "+689 40 12 34 56".
func IsFrenchPhone(s string) bool {
	s = Digits(s)
	var intl string
	switch {
	case strings.HasPrefix(s, "+"):
		intl = s[1:]
	case strings.HasPrefix(s, "00"):
		intl = s[2:]
	case strings.HasPrefix(s, "0"):
		return subscriber(s[1:], 9)
	default:
		return false
	}
	for _, fc := range frenchCallingCodes {
		if rest, ok := strings.CutPrefix(intl, fc.code); ok {
			// "+33 (0)4 78 …": the national trunk prefix some write in brackets.
			return subscriber(strings.TrimPrefix(rest, "(0)"), fc.digits)
		}
	}
	return false
}

// subscriber reports whether s is n digits, the first not 0.
func subscriber(s string, n int) bool {
	return len(s) == n && AllDigits(s) && s[0] != '0'
}

// IsFrenchPostalCode reports whether s is a French postal code: exactly 5
// ASCII digits, no separator.
func IsFrenchPostalCode(s string) bool {
	return len(s) == 5 && AllDigits(s)
}

// IsPlainEmail reports whether s is a bare e-mail address such as
// "contact@exemple.fr": net/mail must parse it, without a display name, and
// give it back unchanged (so "Jean <j@x.fr>", quoted local parts that would
// be rewritten, or surrounding spaces are refused). The domain must contain
// a dot and no brackets.
func IsPlainEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.ContainsAny(domain, "[]") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
