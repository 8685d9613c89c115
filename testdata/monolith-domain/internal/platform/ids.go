package platform

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a random id with a prefix, such as "mem_3f2a...".
func NewID(prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + hex.EncodeToString(b[:])
}
