package platform

import (
	"context"
	"log/slog"
	"sync"
)

// Handler handles one event.
type Handler func(ctx context.Context, payload any) error

// Bus delivers events to subscribers in process.
type Bus struct {
	mu   sync.Mutex
	subs map[string][]Handler
	log  *slog.Logger
}

// NewBus returns an empty bus.
func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

// Subscribe registers h for topic.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish delivers payload to every subscriber of topic.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) {
	b.mu.Lock()
	hs := append([]Handler(nil), b.subs[topic]...)
	b.mu.Unlock()
	for _, h := range hs {
		if err := h(ctx, payload); err != nil {
			b.log.Warn("event handler failed", "topic", topic, "err", err)
		}
	}
}
