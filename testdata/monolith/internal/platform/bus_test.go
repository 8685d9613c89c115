package platform

import (
	"context"
	"io"
	"log/slog"
	"testing"
)

func TestBusDeliversInOrderAndSurvivesPanics(t *testing.T) {
	bus := NewBus(slog.New(slog.NewTextHandler(io.Discard, nil)))
	var got []string
	bus.Subscribe("order.placed", func(_ context.Context, p any) { got = append(got, "first:"+p.(string)) })
	bus.Subscribe("order.placed", func(context.Context, any) { panic("boom") })
	bus.Subscribe("order.placed", func(_ context.Context, p any) { got = append(got, "third:"+p.(string)) })
	bus.Subscribe("order.paid", func(context.Context, any) { got = append(got, "wrong topic") })

	bus.Publish(context.Background(), "order.placed", "ord_1")

	want := []string{"first:ord_1", "third:ord_1"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("delivered %q, want %q", got, want)
	}
	if n := bus.Topics()["order.placed"]; n != 3 {
		t.Errorf("Topics()[order.placed] = %d, want 3", n)
	}
}
