package frtext

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2026, time.December, 1, "1er décembre 2026"},
		{2027, time.January, 2, "2 janvier 2027"},
		{2019, time.July, 1, "1er juillet 2019"},
		{2024, time.February, 29, "29 février 2024"},
		{2025, time.August, 15, "15 août 2025"},
		{2025, time.March, 10, "10 mars 2025"},
		{2025, time.April, 31, "31 avril 2025"}, // not checked against the calendar
		{2025, time.May, 21, "21 mai 2025"},     // « 21 », never « 21er »
		{2025, time.June, 3, "3 juin 2025"},
		{2025, time.September, 9, "9 septembre 2025"},
		{2025, time.October, 11, "11 octobre 2025"},
		{2025, time.November, 30, "30 novembre 2025"},
		{2025, 0, 1, ""},
		{2025, 13, 1, ""},
		{2025, time.May, 0, ""},
		{2025, time.May, 32, ""},
	}
	for _, tt := range tests {
		if got := Date(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("Date(%d, %d, %d) = %q, want %q", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestMonthAll(t *testing.T) {
	want := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
	for i, w := range want {
		if got := Month(time.Month(i + 1)); got != w {
			t.Errorf("Month(%d) = %q, want %q", i+1, got, w)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		" FRANCE ":     "france",
		"France":       "france",
		"FRANCÉ":       "france",
		"Été":          "ete",
		"Œuvre":        "oeuvre",
		"Ça":           "ca",
		"Deutschland":  "deutschland",
		"":             "",
		"Ελλάδα":       "ελλάδα",
		"Pédicure-Pod": "pedicure-pod",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInteger(t *testing.T) {
	for n, want := range map[int]string{0: "0", 12: "12", 999: "999", 1250: "1\u00a0250", 100000: "100\u00a0000", -1234567: "-1\u00a0234\u00a0567"} {
		if got := Integer(n); got != want {
			t.Errorf("Integer(%d) = %q, want %q", n, got, want)
		}
	}
}
