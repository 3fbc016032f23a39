package convention

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/esante/labelkit/internal/frtext"
)

// Date is a calendar date without time or time zone, such as the date of
// signature. The zero Date means "no date".
//
// In TOML it is written as a local date (date = 2026-12-01) or as a string
// ("2026-12-01"); in JSON as a string "2026-12-01". A TOML date-time, with a
// time or an offset, is refused. It encodes back to "2026-12-01" (JSON and
// text), so json.Marshal of a Convention round-trips.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// dateLayout is the only accepted textual form, ISO 8601 « AAAA-MM-JJ ».
const dateLayout = "2006-01-02"

// NewDate returns the Date of year, month and day, or an error when that day
// does not exist (30 February) or the year is outside 1..9999.
func NewDate(year int, month time.Month, day int) (Date, error) {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if year < 1 || year > 9999 || t.Year() != year || t.Month() != month || t.Day() != day {
		return Date{}, errorf("la date %04d-%02d-%02d n'existe pas", year, int(month), day)
	}
	return Date{Year: year, Month: month, Day: day}, nil
}

// ParseDate parses "AAAA-MM-JJ" (e.g. "2026-12-01"), checking that the day
// exists.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || len(s) != len(dateLayout) {
		return Date{}, errorf("date invalide %q : écrivez-la AAAA-MM-JJ, par exemple 2026-12-01", s)
	}
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// Time returns d at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns d as "AAAA-MM-JJ" ("2026-12-01"), or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// French returns d written out in French: « 1er décembre 2026 », « 2 janvier
// 2027 »; "" for the zero Date.
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	return frtext.Date(d.Year, d.Month, d.Day)
}

// Numeric returns d as « JJ/MM/AAAA » (« 01/12/2026 »), the form of the
// agreement's « A Paris, le ___/___/_______ »; "" for the zero Date.
func (d Date) Numeric() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// MarshalText encodes d as "AAAA-MM-JJ".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "AAAA-MM-JJ"; an empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON encodes d as the JSON string "AAAA-MM-JJ" (null for the zero
// Date).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON decodes the JSON string "AAAA-MM-JJ" (or null, the zero Date).
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errorf("une date est attendue entre guillemets, au format \"AAAA-MM-JJ\" (par exemple \"2026-12-01\")")
	}
	return d.UnmarshalText([]byte(s))
}

// UnmarshalTOML implements the Unmarshaler interface of
// github.com/BurntSushi/toml, so that decoding a Convention with that package
// directly accepts a TOML local date (2026-12-01) or a string. BurntSushi/toml
// hands a local date over as a time.Time in a zone named "date-local"; a
// local date-time, a local time or an offset date-time is refused.
func (d *Date) UnmarshalTOML(v any) error {
	v2, err := dateFromTOML(v)
	if err != nil {
		return err
	}
	*d = v2
	return nil
}

// tomlLocalDateZone is the name BurntSushi/toml gives the location of a
// local date (internal.LocalDate); datetimes get "datetime-local", times
// "time-local", offset datetimes a fixed or UTC zone.
const tomlLocalDateZone = "date-local"

func dateFromTOML(v any) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() != tomlLocalDateZone {
			return Date{}, errorf("une date seule est attendue (AAAA-MM-JJ, par exemple 2026-12-01), sans heure ni fuseau horaire : retirez %q", timeSuffix(v))
		}
		return Date{Year: v.Year(), Month: v.Month(), Day: v.Day()}, nil
	case string:
		return ParseDate(v)
	}
	return Date{}, errorf("une date est attendue (AAAA-MM-JJ, par exemple 2026-12-01)")
}

// timeSuffix returns the part of a TOML date-time after the date, for the
// error message.
func timeSuffix(t time.Time) string {
	if t.Location().String() == "time-local" {
		return t.Format("15:04:05")
	}
	s := t.Format(time.RFC3339Nano)
	if t.Location().String() == "datetime-local" {
		s = t.Format("2006-01-02T15:04:05.999999999")
	}
	if len(s) > 10 {
		return s[10:]
	}
	return s
}
