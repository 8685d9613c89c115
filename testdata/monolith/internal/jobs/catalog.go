package jobs

import (
	"context"
	"log/slog"
	"time"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// CatalogJobs are the catalog area's background jobs.
type CatalogJobs struct {
	catalog services.CatalogService
	log     *slog.Logger
}

// NewCatalogJobs returns the catalog jobs.
func NewCatalogJobs(catalog services.CatalogService, log *slog.Logger) *CatalogJobs {
	return &CatalogJobs{catalog: catalog, log: log}
}

// Register registers the catalog jobs on sched.
func (j *CatalogJobs) Register(sched *platform.Scheduler) {
	sched.Every("reindex-catalog", 15*time.Minute, j.Reindex)
}

// Reindex rebuilds the product search index, picking up price and stock
// changes made outside the service.
func (j *CatalogJobs) Reindex(ctx context.Context) error {
	n, err := j.catalog.Reindex(ctx)
	if err != nil {
		return err
	}
	j.log.Info("reindexed catalog", "products", n)
	return nil
}
