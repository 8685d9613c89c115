package notifications

import (
	"context"
	"log/slog"
)

// Sender delivers a message to an address.
type Sender interface {
	Send(ctx context.Context, to, body string) error
}

// LogSender writes messages to the log instead of sending them.
type LogSender struct {
	Log *slog.Logger
}

// Send logs the message.
func (s LogSender) Send(ctx context.Context, to, body string) error {
	s.Log.InfoContext(ctx, "notification", "to", to, "body", body)
	return nil
}
