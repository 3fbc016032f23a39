package frfuncs

import (
	"math/big"
	"strings"
	"testing"
)

// TestRoundDigits compares the rounding on digits with math/big's.
func TestRoundDigits(t *testing.T) {
	for _, s := range []string{"0", "-0", "+7", "0.5", "-0.5", "0.05", "9.995", "-9.995", "99.5", "0.0049",
		"123.456", "-123.454", ".25", "1.", "000012.3400", "999999999999999999999.9999", "-0.000"} {
		for d := 0; d <= 4; d++ {
			r, _ := new(big.Rat).SetString(s)
			got, want := roundDigits(s, d), r.FloatString(d)
			zero := strings.Trim(want, "-0.") == "" && strings.Trim(got, "-0.") == ""
			if got != want && !zero { // numberFR drops the sign of a zero
				t.Errorf("roundDigits(%q, %d) = %q, want %q", s, d, got, want)
			}
		}
	}
}
