package models

import "time"

// Topics published by the payments area.
const (
	TopicPaymentCaptured = "payment.captured"
	TopicPaymentFailed   = "payment.failed"
	TopicPaymentRefunded = "payment.refunded"
)

// PaymentStatus is the state of a payment at the provider.
type PaymentStatus string

// Payment statuses.
const (
	PaymentPending  PaymentStatus = "pending"
	PaymentCaptured PaymentStatus = "captured"
	PaymentFailed   PaymentStatus = "failed"
	PaymentRefunded PaymentStatus = "refunded"
)

// Payment is one attempt to collect an order's total.
type Payment struct {
	ID            string        `json:"id"`
	OrderID       string        `json:"order_id"`
	AmountCents   int64         `json:"amount_cents"`
	Currency      string        `json:"currency"`
	Status        PaymentStatus `json:"status"`
	Token         string        `json:"-"`
	ProviderRef   string        `json:"provider_ref,omitempty"`
	FailureReason string        `json:"failure_reason,omitempty"`
	Attempts      int           `json:"attempts"`
	Refunds       []Refund      `json:"refunds,omitempty"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
}

// RefundedCents is the total already refunded.
func (p Payment) RefundedCents() int64 {
	var n int64
	for _, r := range p.Refunds {
		n += r.AmountCents
	}
	return n
}

// Refund returns part or all of a captured payment.
type Refund struct {
	ID          string    `json:"id"`
	PaymentID   string    `json:"payment_id"`
	AmountCents int64     `json:"amount_cents"`
	Reason      string    `json:"reason"`
	CreatedAt   time.Time `json:"created_at"`
}

// PaymentCapturedEvent is the payload of TopicPaymentCaptured.
type PaymentCapturedEvent struct {
	PaymentID   string
	OrderID     string
	AmountCents int64
}

// PaymentFailedEvent is the payload of TopicPaymentFailed.
type PaymentFailedEvent struct {
	PaymentID string
	OrderID   string
	Reason    string
}

// PaymentRefundedEvent is the payload of TopicPaymentRefunded.
type PaymentRefundedEvent struct {
	PaymentID   string
	OrderID     string
	RefundID    string
	AmountCents int64
}
