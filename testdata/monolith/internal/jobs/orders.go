package jobs

import (
	"context"
	"log/slog"
	"time"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// unpaidOrderTTL is how long an order may wait for payment.
const unpaidOrderTTL = 30 * time.Minute

// OrderJobs are the orders area's background jobs.
type OrderJobs struct {
	orders services.OrderService
	log    *slog.Logger
}

// NewOrderJobs returns the order jobs.
func NewOrderJobs(orders services.OrderService, log *slog.Logger) *OrderJobs {
	return &OrderJobs{orders: orders, log: log}
}

// Register registers the order jobs on sched.
func (j *OrderJobs) Register(sched *platform.Scheduler) {
	sched.Every("expire-unpaid-orders", 5*time.Minute, j.ExpireUnpaid)
}

// ExpireUnpaid cancels orders that were not paid in time, releasing their
// stock.
func (j *OrderJobs) ExpireUnpaid(ctx context.Context) error {
	n, err := j.orders.ExpireUnpaid(ctx, unpaidOrderTTL)
	if err != nil {
		return err
	}
	j.log.Info("expired unpaid orders", "count", n)
	return nil
}
