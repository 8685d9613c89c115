package jobs

import (
	"context"
	"log/slog"
	"time"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// PaymentJobs are the payments area's background jobs.
type PaymentJobs struct {
	payments services.PaymentService
	log      *slog.Logger
}

// NewPaymentJobs returns the payment jobs.
func NewPaymentJobs(payments services.PaymentService, log *slog.Logger) *PaymentJobs {
	return &PaymentJobs{payments: payments, log: log}
}

// Register registers the payment jobs on sched.
func (j *PaymentJobs) Register(sched *platform.Scheduler) {
	sched.Every("retry-failed-payments", 10*time.Minute, j.RetryFailed)
}

// RetryFailed charges failed payments again, for orders still waiting.
func (j *PaymentJobs) RetryFailed(ctx context.Context) error {
	n, err := j.payments.RetryFailed(ctx)
	if err != nil {
		return err
	}
	j.log.Info("retried failed payments", "captured", n)
	return nil
}
