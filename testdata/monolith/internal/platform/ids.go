package platform

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
)

// IDGenerator makes record ids such as "ord_5f2c9a1e7b3d4c60".
type IDGenerator interface {
	NewID(prefix string) string
}

// RandomIDs generates ids from crypto/rand.
type RandomIDs struct{}

// NewID returns prefix, an underscore and 16 random hex digits.
func (RandomIDs) NewID(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms.
		panic(fmt.Sprintf("platform: read random id: %v", err))
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}

// SequentialIDs generates predictable ids, one counter per prefix.
// Tests use it so that ids in responses are stable.
type SequentialIDs struct {
	mu   sync.Mutex
	next map[string]int
}

// NewID returns prefix, an underscore and the prefix's next number.
func (s *SequentialIDs) NewID(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = make(map[string]int)
	}
	s.next[prefix]++
	return fmt.Sprintf("%s_%06d", prefix, s.next[prefix])
}
