package myaccount

import (
	"io"
)

// idAlphabet is nanoid's URL-safe alphabet: ids of 21 characters carry 126
// random bits, like Logto's.
const idAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"

// idGenerator returns a function that makes 21-character random ids.
func idGenerator(random io.Reader) func() string {
	return func() string {
		var b [21]byte
		if _, err := io.ReadFull(random, b[:]); err != nil {
			// A broken random source must not yield guessable ids.
			panic("myaccount: random source failed: " + err.Error())
		}
		for i := range b {
			b[i] = idAlphabet[b[i]&63]
		}
		return string(b[:])
	}
}
