// Package messages holds the human-readable message of every error code a
// client can see, in English, Korean, Japanese, Traditional Chinese and
// French, and picks one by the request's Accept-Language header.
//
// The code is the contract; the message is help for a person. Wording
// follows Logto's phrases (packages/phrases/src/locales/*/errors), so a
// client that shows the message reads what Logto would have said.
//
// # Templates
//
// A message may interpolate the error's data: {{name}} is replaced by the
// value under "name" when the data is a map (or a struct that encodes to a
// JSON object). Every placeholder sits inside an optional segment, so a
// missing value never leaves a hole in a sentence:
//
//	[[A]]     A with its placeholders filled, or nothing when one is missing
//	[[A||B]]  A when all of A's placeholders have values, otherwise B
//
// Data keys in use: supportedTypes, expected, actual, connectorId, email,
// type, errorDescription, details, minLength, maxLength, and relativeTime.
// relativeTime ("in 5 minutes") is derived, in the chosen language, from a
// numeric retryAfterSeconds when the data does not carry it ready-made: the
// lockout error sets retryAfterSeconds so each reader gets their own words.
package messages

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/myaccount-go/myaccount/account"
)

// genericMessage answers a code no catalog knows: never an empty message.
const genericMessage = "Request error occurred."

// catalog is one language's messages.
type catalog struct {
	tag      language.Tag
	messages map[account.Code]string
	// inMinutes renders a wait of n ≥ 1 minutes, as Intl.RelativeTimeFormat
	// would (Logto's source of relativeTime).
	inMinutes func(n int) string
}

// catalogs lists the languages in matching preference; English first, as
// the fallback for anything unmatched. Read-only after init.
var catalogs = []catalog{
	{tag: language.English, messages: en, inMinutes: enMinutes},
	{tag: language.Korean, messages: ko, inMinutes: koMinutes},
	{tag: language.Japanese, messages: ja, inMinutes: jaMinutes},
	// zh-TW stands for Traditional Chinese: the matcher maps zh-Hant, zh-HK
	// and zh-MO to it by script.
	{tag: language.MustParse("zh-TW"), messages: zhTW, inMinutes: zhTWMinutes},
	{tag: language.French, messages: fr, inMinutes: frMinutes},
}

var matcher = language.NewMatcher(Languages())

// Languages returns the languages messages are available in, English first.
// The slice is a fresh copy.
func Languages() []language.Tag {
	tags := make([]language.Tag, len(catalogs))
	for i, c := range catalogs {
		tags[i] = c.tag
	}
	return tags
}

// Lookup returns the message of code in the language that best fits the
// Accept-Language header acceptLanguage, with placeholders filled from
// data. A missing, malformed or unsupported header gives English; a code
// the chosen language lacks falls back to English; a code nobody knows
// gives a generic English message. The result is never empty.
func Lookup(code account.Code, acceptLanguage string, data any) string {
	return lookupIn(catalogs, code, match(acceptLanguage), data)
}

// lookupIn is Lookup over cs, whose first catalog is the fallback, in the
// language cs[i].
func lookupIn(cs []catalog, code account.Code, i int, data any) string {
	c := cs[i]
	tmpl, ok := c.messages[code]
	if !ok {
		c = cs[0]
		if tmpl, ok = c.messages[code]; !ok {
			return genericMessage
		}
	}
	msg := render(tmpl, values(data, c))
	if msg == "" {
		return genericMessage
	}
	return msg
}

// match returns the index in catalogs of the best language for the header.
func match(acceptLanguage string) int {
	tags := parseAcceptLanguage(acceptLanguage)
	if len(tags) == 0 {
		return 0
	}
	_, i, conf := matcher.Match(tags...)
	// Low is a same-language match across scripts or regions (zh-CN gets
	// Traditional Chinese): closer to the reader than English.
	if conf == language.No {
		return 0
	}
	return i
}

// parseAcceptLanguage parses the header, skipping malformed entries instead
// of discarding the whole header for one bad tag.
func parseAcceptLanguage(h string) []language.Tag {
	if strings.TrimSpace(h) == "" {
		return nil
	}
	if tags, _, err := language.ParseAcceptLanguage(h); err == nil {
		return tags
	}
	var tags []language.Tag
	for _, part := range strings.Split(h, ",") {
		if t, _, err := language.ParseAcceptLanguage(part); err == nil {
			tags = append(tags, t...)
		}
	}
	return tags
}

var (
	segmentRe     = regexp.MustCompile(`\[\[(.*?)\]\]`)
	placeholderRe = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)
)

// render fills tmpl's segments and placeholders from vals. Values are
// inserted once and never re-read as template text.
func render(tmpl string, vals map[string]string) string {
	var b strings.Builder
	last := 0
	for _, m := range segmentRe.FindAllStringSubmatchIndex(tmpl, -1) {
		b.WriteString(fill(tmpl[last:m[0]], vals))
		body, alt, _ := strings.Cut(tmpl[m[2]:m[3]], "||")
		if complete(body, vals) {
			b.WriteString(fill(body, vals))
		} else {
			b.WriteString(fill(alt, vals))
		}
		last = m[1]
	}
	b.WriteString(fill(tmpl[last:], vals))
	return strings.TrimSpace(b.String())
}

// complete reports whether every placeholder of s has a value.
func complete(s string, vals map[string]string) bool {
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		if vals[m[1]] == "" {
			return false
		}
	}
	return true
}

func fill(s string, vals map[string]string) string {
	return placeholderRe.ReplaceAllStringFunc(s, func(ph string) string {
		return vals[placeholderRe.FindStringSubmatch(ph)[1]]
	})
}

// values flattens data into placeholder values, and derives relativeTime
// in c's language from retryAfterSeconds.
func values(data any, c catalog) map[string]string {
	var m map[string]any
	switch d := data.(type) {
	case nil:
		return nil
	case map[string]any:
		m = d
	case map[string]string:
		m = make(map[string]any, len(d))
		for k, v := range d {
			m[k] = v
		}
	default:
		// Structs and other maps: their JSON object is what the client sees
		// in data, so the message uses the same names.
		raw, err := json.Marshal(data)
		if err != nil || json.Unmarshal(raw, &m) != nil {
			return nil
		}
	}
	vals := make(map[string]string, len(m)+1)
	for k, v := range m {
		vals[k] = format(v)
	}
	if vals["relativeTime"] == "" {
		if secs, ok := number(m["retryAfterSeconds"]); ok && secs > 0 {
			vals["relativeTime"] = c.inMinutes(int(math.Ceil(secs / 60)))
		}
	}
	return vals
}

// format renders one data value for a message.
func format(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []string:
		return strings.Join(x, ", ")
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, format(e))
		}
		return strings.Join(parts, ", ")
	case fmt.Stringer:
		return x.String()
	}
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// number converts the numeric types data can hold (Go values or decoded
// JSON) to float64.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}
