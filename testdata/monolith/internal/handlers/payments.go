package handlers

import (
	"log/slog"
	"net/http"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// paymentWebhookPath is where the payment provider posts its verdicts.
const paymentWebhookPath = "/payments/webhook"

// PaymentsHandler serves payments, refunds and the provider webhook.
type PaymentsHandler struct {
	payments services.PaymentService
	log      *slog.Logger
}

// NewPayments returns a PaymentsHandler backed by payments.
func NewPayments(payments services.PaymentService, log *slog.Logger) *PaymentsHandler {
	return &PaymentsHandler{payments: payments, log: log}
}

// Routes registers the payment routes on mux.
func (h *PaymentsHandler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /payments/{id}", h.Get)
	mux.HandleFunc("POST /payments/{id}/refunds", h.Refund)
	mux.HandleFunc("GET /orders/{id}/payments", h.ForOrder)
	mux.HandleFunc(http.MethodPost+" "+paymentWebhookPath, h.Webhook)
}

// Get serves GET /payments/{id}.
func (h *PaymentsHandler) Get(w http.ResponseWriter, r *http.Request) {
	p, err := h.payments.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, p)
}

// Refund serves POST /payments/{id}/refunds.
func (h *PaymentsHandler) Refund(w http.ResponseWriter, r *http.Request) {
	var in services.RefundRequest
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	rf, err := h.payments.Refund(r.Context(), r.PathValue("id"), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, rf)
}

// ForOrder serves GET /orders/{id}/payments.
func (h *PaymentsHandler) ForOrder(w http.ResponseWriter, r *http.Request) {
	ps, err := h.payments.ForOrder(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ps)
}

// Webhook serves POST /payments/webhook.
func (h *PaymentsHandler) Webhook(w http.ResponseWriter, r *http.Request) {
	var n services.ProviderNotification
	if err := platform.DecodeJSON(r, &n); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	p, err := h.payments.HandleWebhook(r.Context(), n)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, p)
}
