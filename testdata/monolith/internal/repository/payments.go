package repository

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"sync"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
)

// PaymentRepository stores payments and refunds.
type PaymentRepository interface {
	Create(ctx context.Context, p models.Payment) error
	Get(ctx context.Context, id string) (models.Payment, error)
	ByOrder(ctx context.Context, orderID string) ([]models.Payment, error)
	ByProviderRef(ctx context.Context, ref string) (models.Payment, error)
	Update(ctx context.Context, p models.Payment) error
	// RetryableFailed returns failed payments with fewer than maxAttempts
	// attempts whose order is still waiting for payment.
	RetryableFailed(ctx context.Context, maxAttempts int) ([]models.Payment, error)
	CreateRefund(ctx context.Context, r models.Refund) error
	Refunds(ctx context.Context, paymentID string) ([]models.Refund, error)
}

var (
	_ PaymentRepository = (*SQLPaymentRepository)(nil)
	_ PaymentRepository = (*MemoryPaymentRepository)(nil)
)

const paymentColumns = `id, order_id, amount_cents, currency, status, token, provider_ref, failure_reason, attempts, created_at, updated_at`

// SQLPaymentRepository is a PaymentRepository over a SQL database.
type SQLPaymentRepository struct {
	db *sql.DB
}

// NewSQLPaymentRepository returns a repository using db.
func NewSQLPaymentRepository(db *sql.DB) *SQLPaymentRepository {
	return &SQLPaymentRepository{db: db}
}

// Create inserts a payment.
func (r *SQLPaymentRepository) Create(ctx context.Context, p models.Payment) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO payments (id, order_id, amount_cents, currency, status, token, provider_ref, failure_reason, attempts, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		p.ID, p.OrderID, p.AmountCents, p.Currency, p.Status, p.Token, p.ProviderRef, p.FailureReason, p.Attempts, p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert payment %s: %w", p.ID, err)
	}
	return nil
}

// Get reads one payment.
func (r *SQLPaymentRepository) Get(ctx context.Context, id string) (models.Payment, error) {
	p, err := scanPayment(r.db.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments WHERE id = $1`, id).Scan)
	if err != nil {
		return models.Payment{}, notFound(err, "payment", id)
	}
	return p, nil
}

// ByProviderRef reads the payment the provider knows as ref.
func (r *SQLPaymentRepository) ByProviderRef(ctx context.Context, ref string) (models.Payment, error) {
	p, err := scanPayment(r.db.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments WHERE provider_ref = $1`, ref).Scan)
	if err != nil {
		return models.Payment{}, notFound(err, "payment with provider ref", ref)
	}
	return p, nil
}

// ByOrder reads an order's payments, oldest first.
func (r *SQLPaymentRepository) ByOrder(ctx context.Context, orderID string) ([]models.Payment, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT `+paymentColumns+` FROM payments WHERE order_id = $1 ORDER BY created_at`, orderID)
	if err != nil {
		return nil, fmt.Errorf("list payments of order %s: %w", orderID, err)
	}
	return scanPayments(rows)
}

// RetryableFailed joins payments with orders so that a payment is only
// retried while its order is still unpaid.
func (r *SQLPaymentRepository) RetryableFailed(ctx context.Context, maxAttempts int) ([]models.Payment, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT p.id, p.order_id, p.amount_cents, p.currency, p.status, p.token, p.provider_ref, p.failure_reason, p.attempts, p.created_at, p.updated_at
		   FROM payments p
		   JOIN orders o ON o.id = p.order_id
		  WHERE p.status = 'failed' AND p.attempts < $1 AND o.status = 'payment_failed'
		  ORDER BY p.created_at`, maxAttempts)
	if err != nil {
		return nil, fmt.Errorf("list retryable payments: %w", err)
	}
	return scanPayments(rows)
}

// Update writes a payment's status, provider reference and attempt count.
func (r *SQLPaymentRepository) Update(ctx context.Context, p models.Payment) error {
	res, err := r.db.ExecContext(ctx,
		`UPDATE payments SET status = $2, provider_ref = $3, failure_reason = $4, attempts = $5, updated_at = $6 WHERE id = $1`,
		p.ID, p.Status, p.ProviderRef, p.FailureReason, p.Attempts, p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("update payment %s: %w", p.ID, err)
	}
	return checkAffected(res, "payment", p.ID)
}

// CreateRefund inserts a refund.
func (r *SQLPaymentRepository) CreateRefund(ctx context.Context, rf models.Refund) error {
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO refunds (id, payment_id, amount_cents, reason, created_at) VALUES ($1, $2, $3, $4, $5)`,
		rf.ID, rf.PaymentID, rf.AmountCents, rf.Reason, rf.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert refund %s: %w", rf.ID, err)
	}
	return nil
}

// Refunds reads a payment's refunds, oldest first.
func (r *SQLPaymentRepository) Refunds(ctx context.Context, paymentID string) ([]models.Refund, error) {
	rows, err := r.db.QueryContext(ctx,
		`SELECT id, payment_id, amount_cents, reason, created_at FROM refunds WHERE payment_id = $1 ORDER BY created_at`, paymentID)
	if err != nil {
		return nil, fmt.Errorf("list refunds of %s: %w", paymentID, err)
	}
	defer rows.Close()
	var out []models.Refund
	for rows.Next() {
		var rf models.Refund
		if err := rows.Scan(&rf.ID, &rf.PaymentID, &rf.AmountCents, &rf.Reason, &rf.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan refund: %w", err)
		}
		out = append(out, rf)
	}
	return out, rows.Err()
}

// scanPayments scans and closes rows of paymentColumns.
func scanPayments(rows *sql.Rows) ([]models.Payment, error) {
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		p, err := scanPayment(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("scan payment: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// scanPayment scans the paymentColumns of one row.
func scanPayment(scan func(dest ...any) error) (models.Payment, error) {
	var p models.Payment
	err := scan(&p.ID, &p.OrderID, &p.AmountCents, &p.Currency, &p.Status, &p.Token, &p.ProviderRef,
		&p.FailureReason, &p.Attempts, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// MemoryPaymentRepository is an in-memory PaymentRepository. It reads order
// statuses from the in-memory order repository, as the SQL implementation
// joins the orders table.
type MemoryPaymentRepository struct {
	mu       sync.RWMutex
	payments map[string]models.Payment
	refunds  map[string][]models.Refund // by payment id
	orders   *MemoryOrderRepository
}

// NewMemoryPaymentRepository returns an empty repository.
func NewMemoryPaymentRepository(orders *MemoryOrderRepository) *MemoryPaymentRepository {
	return &MemoryPaymentRepository{
		payments: make(map[string]models.Payment),
		refunds:  make(map[string][]models.Refund),
		orders:   orders,
	}
}

// Create stores a payment.
func (r *MemoryPaymentRepository) Create(_ context.Context, p models.Payment) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.payments[p.ID] = p
	return nil
}

// Get returns one payment.
func (r *MemoryPaymentRepository) Get(_ context.Context, id string) (models.Payment, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.payments[id]
	if !ok {
		return models.Payment{}, fmt.Errorf("payment %s: %w", id, platform.ErrNotFound)
	}
	return p, nil
}

// ByProviderRef returns the payment the provider knows as ref.
func (r *MemoryPaymentRepository) ByProviderRef(_ context.Context, ref string) (models.Payment, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, p := range r.payments {
		if ref != "" && p.ProviderRef == ref {
			return p, nil
		}
	}
	return models.Payment{}, fmt.Errorf("payment with provider ref %s: %w", ref, platform.ErrNotFound)
}

// ByOrder returns an order's payments, oldest first.
func (r *MemoryPaymentRepository) ByOrder(_ context.Context, orderID string) ([]models.Payment, error) {
	return r.filter(func(p models.Payment) bool { return p.OrderID == orderID }), nil
}

// RetryableFailed returns failed payments worth another attempt.
func (r *MemoryPaymentRepository) RetryableFailed(_ context.Context, maxAttempts int) ([]models.Payment, error) {
	return r.filter(func(p models.Payment) bool {
		if p.Status != models.PaymentFailed || p.Attempts >= maxAttempts {
			return false
		}
		o, ok := r.orders.order(p.OrderID)
		return ok && o.Status == models.OrderPaymentFailed
	}), nil
}

// Update replaces a stored payment.
func (r *MemoryPaymentRepository) Update(_ context.Context, p models.Payment) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.payments[p.ID]; !ok {
		return fmt.Errorf("payment %s: %w", p.ID, platform.ErrNotFound)
	}
	r.payments[p.ID] = p
	return nil
}

// CreateRefund stores a refund.
func (r *MemoryPaymentRepository) CreateRefund(_ context.Context, rf models.Refund) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refunds[rf.PaymentID] = append(r.refunds[rf.PaymentID], rf)
	return nil
}

// Refunds returns a payment's refunds, oldest first.
func (r *MemoryPaymentRepository) Refunds(_ context.Context, paymentID string) ([]models.Refund, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.refunds[paymentID]), nil
}

// filter returns the payments keep accepts, oldest first. keep runs
// without the lock held so that it may consult other repositories.
func (r *MemoryPaymentRepository) filter(keep func(models.Payment) bool) []models.Payment {
	r.mu.RLock()
	all := make([]models.Payment, 0, len(r.payments))
	for _, p := range r.payments {
		all = append(all, p)
	}
	r.mu.RUnlock()
	var out []models.Payment
	for _, p := range all {
		if keep(p) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out
}
