package jobs

import (
	"context"
	"log/slog"
	"time"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// ShippingJobs are the shipping area's background jobs.
type ShippingJobs struct {
	shipping services.ShippingService
	log      *slog.Logger
}

// NewShippingJobs returns the shipping jobs.
func NewShippingJobs(shipping services.ShippingService, log *slog.Logger) *ShippingJobs {
	return &ShippingJobs{shipping: shipping, log: log}
}

// Register registers the shipping jobs on sched.
func (j *ShippingJobs) Register(sched *platform.Scheduler) {
	sched.Every("sync-shipment-tracking", time.Hour, j.SyncTracking)
}

// SyncTracking refreshes the tracking of shipments on their way.
func (j *ShippingJobs) SyncTracking(ctx context.Context) error {
	n, err := j.shipping.SyncTracking(ctx)
	if err != nil {
		return err
	}
	j.log.Info("synced shipment tracking", "updated", n)
	return nil
}
