package seed

import (
	"bytes"
	"fmt"
	"time"
)

// Time is an instant with millisecond precision, stored compactly as Unix
// milliseconds. It marshals the way Okta writes timestamps,
// "2024-03-01T10:00:00.000Z"; the zero Time is "no value" and marshals as
// null (used by nullable attributes such as activated and lastLogin).
type Time int64

// timeLayout is Okta's timestamp format.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// NewTime converts t to a Time, dropping sub-millisecond precision. The zero
// time.Time gives the zero Time.
func NewTime(t time.Time) Time {
	if t.IsZero() {
		return 0
	}
	return Time(t.UnixMilli())
}

// IsZero reports whether t is "no value".
func (t Time) IsZero() bool { return t == 0 }

// Time returns t as a UTC time.Time (the zero time.Time for the zero Time).
func (t Time) Time() time.Time {
	if t == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(t)).UTC()
}

// String formats t like Okta ("" for the zero Time).
func (t Time) String() string {
	if t == 0 {
		return ""
	}
	return t.Time().Format(timeLayout)
}

// MarshalJSON writes t as a quoted Okta timestamp, or null.
func (t Time) MarshalJSON() ([]byte, error) {
	if t == 0 {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(timeLayout)+2)
	b = append(b, '"')
	b = t.Time().AppendFormat(b, timeLayout)
	return append(b, '"'), nil
}

// UnmarshalJSON reads null or an RFC 3339 timestamp.
func (t *Time) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = 0
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("seed: timestamp %s is not a string", b)
	}
	v, err := time.Parse(time.RFC3339Nano, string(b[1:len(b)-1]))
	if err != nil {
		return fmt.Errorf("seed: timestamp %s: %w", b, err)
	}
	*t = NewTime(v)
	return nil
}

// value returns t for a Getter: a time.Time, or nothing when zero.
func (t Time) value() []any {
	if t == 0 {
		return nil
	}
	return []any{t.Time()}
}
