package platform

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
)

// Bus is an in-process publish/subscribe event bus. Delivery is synchronous:
// Publish returns after every subscriber of the topic has run, in the order
// they subscribed. A subscriber that panics is logged and does not stop the
// others.
type Bus struct {
	log  *slog.Logger
	mu   sync.RWMutex
	subs map[string][]func(ctx context.Context, payload any)
}

// NewBus returns an empty Bus that logs delivery problems to log.
func NewBus(log *slog.Logger) *Bus {
	return &Bus{log: log, subs: make(map[string][]func(context.Context, any))}
}

// Subscribe registers fn to receive every payload published on topic.
func (b *Bus) Subscribe(topic string, fn func(ctx context.Context, payload any)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], fn)
}

// Publish delivers payload to the subscribers of topic.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) {
	b.mu.RLock()
	subs := slices.Clone(b.subs[topic])
	b.mu.RUnlock()

	b.log.Debug("publish", "topic", topic, "subscribers", len(subs))
	for _, fn := range subs {
		b.deliver(ctx, topic, fn, payload)
	}
}

// Topics returns the number of subscribers per topic, for diagnostics.
func (b *Bus) Topics() map[string]int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make(map[string]int, len(b.subs))
	for t, s := range b.subs {
		out[t] = len(s)
	}
	return out
}

func (b *Bus) deliver(ctx context.Context, topic string, fn func(context.Context, any), payload any) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("event subscriber panicked", "topic", topic, "panic", fmt.Sprint(r))
		}
	}()
	fn(ctx, payload)
}
