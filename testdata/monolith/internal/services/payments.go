package services

import (
	"context"
	"errors"
	"fmt"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
)

// maxPaymentAttempts bounds how often a failed payment is retried.
const maxPaymentAttempts = 3

// ErrPaymentDeclined reports that the provider refused a charge. Handlers
// answer it with 402 Payment Required.
var ErrPaymentDeclined = errors.New("payment declined")

// PaymentService charges orders through the payment provider and refunds
// them.
type PaymentService interface {
	Charge(ctx context.Context, req ChargeRequest) (models.Payment, error)
	Get(ctx context.Context, id string) (models.Payment, error)
	ForOrder(ctx context.Context, orderID string) ([]models.Payment, error)
	Refund(ctx context.Context, paymentID string, in RefundRequest) (models.Refund, error)
	// HandleWebhook applies the provider's asynchronous verdict on a
	// pending payment.
	HandleWebhook(ctx context.Context, n ProviderNotification) (models.Payment, error)
	// RetryFailed charges failed payments again and reports how many
	// succeeded.
	RetryFailed(ctx context.Context) (int, error)
}

// ChargeRequest is the input of PaymentService.Charge.
type ChargeRequest struct {
	OrderID     string
	AmountCents int64
	Currency    string
	Token       string
}

// RefundRequest is the input of PaymentService.Refund. A zero amount
// refunds whatever has not been refunded yet.
type RefundRequest struct {
	AmountCents int64  `json:"amount_cents"`
	Reason      string `json:"reason"`
}

// ProviderNotification is the body the payment provider posts to the
// webhook.
type ProviderNotification struct {
	ProviderRef string `json:"provider_ref"`
	Status      string `json:"status"`
	Reason      string `json:"reason"`
}

// Gateway is the payment provider's API.
type Gateway interface {
	Charge(ctx context.Context, amountCents int64, currency, token string) (GatewayResult, error)
}

// GatewayResult is the provider's answer to a charge.
type GatewayResult struct {
	Ref    string
	Status models.PaymentStatus
	Reason string
}

// SimulatedGateway is a Gateway that decides by token, for development and
// tests: "tok_decline" and "tok_insufficient_funds" fail, "tok_pending"
// waits for a webhook, anything else is captured.
type SimulatedGateway struct {
	IDs platform.IDGenerator
}

// Charge simulates a charge.
func (g SimulatedGateway) Charge(_ context.Context, _ int64, _, token string) (GatewayResult, error) {
	res := GatewayResult{Ref: g.IDs.NewID("sim"), Status: models.PaymentCaptured}
	switch token {
	case "tok_decline":
		res.Status, res.Reason = models.PaymentFailed, "card declined"
	case "tok_insufficient_funds":
		res.Status, res.Reason = models.PaymentFailed, "insufficient funds"
	case "tok_pending":
		res.Status = models.PaymentPending
	}
	return res, nil
}

var (
	_ PaymentService = (*PaymentServiceImpl)(nil)
	_ Gateway        = SimulatedGateway{}
)

// PaymentServiceImpl implements PaymentService. It announces every outcome
// on the bus rather than calling the order service back.
type PaymentServiceImpl struct {
	k       platform.Kernel
	repo    repository.PaymentRepository
	gateway Gateway
}

// NewPaymentService returns a PaymentService charging through gateway.
func NewPaymentService(k platform.Kernel, repo repository.PaymentRepository, gateway Gateway) *PaymentServiceImpl {
	return &PaymentServiceImpl{k: k, repo: repo, gateway: gateway}
}

// SubscribeEvents registers the payment service's event handlers on bus.
func (s *PaymentServiceImpl) SubscribeEvents(bus *platform.Bus) {
	bus.Subscribe(models.TopicOrderCancelled, s.onOrderCancelled)
}

// Charge records a payment for the order and submits it to the provider.
func (s *PaymentServiceImpl) Charge(ctx context.Context, req ChargeRequest) (models.Payment, error) {
	if err := required("order_id", req.OrderID, "token", req.Token); err != nil {
		return models.Payment{}, err
	}
	if req.AmountCents <= 0 {
		return models.Payment{}, fmt.Errorf("%w: amount must be positive", platform.ErrInvalid)
	}
	prior, err := s.repo.ByOrder(ctx, req.OrderID)
	if err != nil {
		return models.Payment{}, fmt.Errorf("charge order %s: %w", req.OrderID, err)
	}
	for _, p := range prior {
		if p.Status == models.PaymentCaptured || p.Status == models.PaymentPending {
			return models.Payment{}, fmt.Errorf("order %s already has payment %s (%s): %w", req.OrderID, p.ID, p.Status, platform.ErrConflict)
		}
	}
	now := s.k.Clock.Now()
	p := models.Payment{
		ID: s.k.IDs.NewID("pay"), OrderID: req.OrderID, AmountCents: req.AmountCents, Currency: req.Currency,
		Status: models.PaymentPending, Token: req.Token, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.repo.Create(ctx, p); err != nil {
		return models.Payment{}, fmt.Errorf("charge order %s: %w", req.OrderID, err)
	}
	return s.attempt(ctx, p)
}

// Get returns a payment with its refunds.
func (s *PaymentServiceImpl) Get(ctx context.Context, id string) (models.Payment, error) {
	p, err := s.repo.Get(ctx, id)
	if err != nil {
		return models.Payment{}, err
	}
	if p.Refunds, err = s.repo.Refunds(ctx, id); err != nil {
		return models.Payment{}, fmt.Errorf("read refunds of %s: %w", id, err)
	}
	return p, nil
}

// ForOrder returns an order's payments, oldest first.
func (s *PaymentServiceImpl) ForOrder(ctx context.Context, orderID string) ([]models.Payment, error) {
	out, err := s.repo.ByOrder(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []models.Payment{}
	}
	return out, nil
}

// Refund returns money from a captured payment.
func (s *PaymentServiceImpl) Refund(ctx context.Context, paymentID string, in RefundRequest) (models.Refund, error) {
	p, err := s.Get(ctx, paymentID)
	if err != nil {
		return models.Refund{}, err
	}
	if p.Status != models.PaymentCaptured {
		return models.Refund{}, fmt.Errorf("payment %s is %s, only captured payments can be refunded: %w", p.ID, p.Status, platform.ErrConflict)
	}
	remaining := p.AmountCents - p.RefundedCents()
	if in.AmountCents == 0 {
		in.AmountCents = remaining
	}
	if in.AmountCents < 0 || in.AmountCents > remaining {
		return models.Refund{}, fmt.Errorf("%w: refund of %d exceeds the %d left on payment %s", platform.ErrInvalid, in.AmountCents, remaining, p.ID)
	}
	now := s.k.Clock.Now()
	rf := models.Refund{ID: s.k.IDs.NewID("ref"), PaymentID: p.ID, AmountCents: in.AmountCents, Reason: in.Reason, CreatedAt: now}
	if err := s.repo.CreateRefund(ctx, rf); err != nil {
		return models.Refund{}, fmt.Errorf("refund payment %s: %w", p.ID, err)
	}
	if in.AmountCents == remaining {
		p.Status, p.UpdatedAt = models.PaymentRefunded, now
		if err := s.repo.Update(ctx, p); err != nil {
			return models.Refund{}, fmt.Errorf("refund payment %s: %w", p.ID, err)
		}
	}
	s.k.Bus.Publish(ctx, models.TopicPaymentRefunded, models.PaymentRefundedEvent{
		PaymentID: p.ID, OrderID: p.OrderID, RefundID: rf.ID, AmountCents: rf.AmountCents,
	})
	return rf, nil
}

// HandleWebhook settles a pending payment as the provider reports.
func (s *PaymentServiceImpl) HandleWebhook(ctx context.Context, n ProviderNotification) (models.Payment, error) {
	if err := required("provider_ref", n.ProviderRef, "status", n.Status); err != nil {
		return models.Payment{}, err
	}
	status := models.PaymentStatus(n.Status)
	if status != models.PaymentCaptured && status != models.PaymentFailed {
		return models.Payment{}, fmt.Errorf("%w: status must be captured or failed, got %q", platform.ErrInvalid, n.Status)
	}
	p, err := s.repo.ByProviderRef(ctx, n.ProviderRef)
	if err != nil {
		return models.Payment{}, err
	}
	if p.Status == status {
		return p, nil // providers deliver webhooks at least once
	}
	if p.Status != models.PaymentPending {
		return models.Payment{}, fmt.Errorf("payment %s is already %s: %w", p.ID, p.Status, platform.ErrConflict)
	}
	p.Status, p.FailureReason, p.UpdatedAt = status, n.Reason, s.k.Clock.Now()
	if err := s.repo.Update(ctx, p); err != nil {
		return models.Payment{}, fmt.Errorf("settle payment %s: %w", p.ID, err)
	}
	s.announce(ctx, p)
	return p, nil
}

// RetryFailed charges failed payments of unpaid orders again.
func (s *PaymentServiceImpl) RetryFailed(ctx context.Context) (int, error) {
	failed, err := s.repo.RetryableFailed(ctx, maxPaymentAttempts)
	if err != nil {
		return 0, fmt.Errorf("retry failed payments: %w", err)
	}
	n := 0
	for _, p := range failed {
		p, err := s.attempt(ctx, p)
		if err != nil {
			s.k.Log.Debug("payment retry failed", "payment", p.ID, "attempts", p.Attempts, "err", err)
			continue
		}
		if p.Status == models.PaymentCaptured {
			n++
		}
	}
	return n, nil
}

// onOrderCancelled refunds what a cancelled order had paid.
func (s *PaymentServiceImpl) onOrderCancelled(ctx context.Context, payload any) {
	evt, ok := payload.(models.OrderCancelledEvent)
	if !ok || !evt.WasPaid {
		return
	}
	payments, err := s.repo.ByOrder(ctx, evt.OrderID)
	if err != nil {
		s.k.Log.Error("refund cancelled order", "order", evt.OrderID, "err", err)
		return
	}
	for _, p := range payments {
		if p.Status != models.PaymentCaptured {
			continue
		}
		if _, err := s.Refund(ctx, p.ID, RefundRequest{Reason: "order cancelled: " + evt.Reason}); err != nil {
			s.k.Log.Error("refund cancelled order", "order", evt.OrderID, "payment", p.ID, "err", err)
		}
	}
}

// attempt submits p to the provider, stores the outcome and announces it.
func (s *PaymentServiceImpl) attempt(ctx context.Context, p models.Payment) (models.Payment, error) {
	res, gwErr := s.gateway.Charge(ctx, p.AmountCents, p.Currency, p.Token)
	p.Attempts++
	p.UpdatedAt = s.k.Clock.Now()
	if gwErr != nil {
		p.Status, p.FailureReason = models.PaymentFailed, "provider unavailable"
	} else {
		p.ProviderRef, p.Status, p.FailureReason = res.Ref, res.Status, res.Reason
	}
	if err := s.repo.Update(ctx, p); err != nil {
		return p, fmt.Errorf("record payment %s: %w", p.ID, err)
	}
	s.announce(ctx, p)
	switch {
	case gwErr != nil:
		return p, fmt.Errorf("charge payment %s: %w", p.ID, gwErr)
	case p.Status == models.PaymentFailed:
		return p, fmt.Errorf("payment %s: %w: %s", p.ID, ErrPaymentDeclined, p.FailureReason)
	}
	return p, nil
}

// announce publishes the payment's settled status.
func (s *PaymentServiceImpl) announce(ctx context.Context, p models.Payment) {
	switch p.Status {
	case models.PaymentCaptured:
		s.k.Bus.Publish(ctx, models.TopicPaymentCaptured, models.PaymentCapturedEvent{PaymentID: p.ID, OrderID: p.OrderID, AmountCents: p.AmountCents})
	case models.PaymentFailed:
		s.k.Bus.Publish(ctx, models.TopicPaymentFailed, models.PaymentFailedEvent{PaymentID: p.ID, OrderID: p.OrderID, Reason: p.FailureReason})
	}
}
