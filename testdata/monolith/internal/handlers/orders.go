package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// Route roots of the orders area.
const (
	ordersPrefix = "/orders"
	cartsPrefix  = "/carts/{customerID}"
)

// OrdersHandler serves orders and shopping carts.
type OrdersHandler struct {
	orders services.OrderService
	log    *slog.Logger
}

// NewOrders returns an OrdersHandler backed by orders.
func NewOrders(orders services.OrderService, log *slog.Logger) *OrdersHandler {
	return &OrdersHandler{orders: orders, log: log}
}

// Routes registers the order and cart routes on mux.
func (h *OrdersHandler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST "+ordersPrefix, h.Place)
	mux.HandleFunc("GET "+ordersPrefix, h.List)
	mux.HandleFunc("GET "+ordersPrefix+"/{id}", h.Get)
	mux.HandleFunc("POST "+ordersPrefix+"/{id}/cancel", h.Cancel)
	mux.HandleFunc("POST "+ordersPrefix+"/{id}/pay", h.Pay)

	mux.HandleFunc("GET "+cartsPrefix, h.Cart)
	mux.HandleFunc("POST "+cartsPrefix+"/items", h.AddToCart)
	mux.HandleFunc("DELETE "+cartsPrefix+"/items/{productID}", h.RemoveFromCart)
	mux.HandleFunc("POST "+cartsPrefix+"/checkout", h.Checkout)
}

// cancelRequest is the optional body of POST /orders/{id}/cancel.
type cancelRequest struct {
	Reason string `json:"reason"`
}

// payRequest is the body of POST /orders/{id}/pay.
type payRequest struct {
	PaymentToken string `json:"payment_token"`
}

// checkoutRequest is the body of POST /carts/{customerID}/checkout.
type checkoutRequest struct {
	AddressID string `json:"address_id"`
}

// Place serves POST /orders.
func (h *OrdersHandler) Place(w http.ResponseWriter, r *http.Request) {
	var in services.PlaceOrder
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	o, err := h.orders.Place(r.Context(), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	w.Header().Set("Location", ordersPrefix+"/"+o.ID)
	platform.WriteJSON(w, http.StatusCreated, o)
}

// List serves GET /orders?customer_id=ID.
func (h *OrdersHandler) List(w http.ResponseWriter, r *http.Request) {
	list, err := h.orders.ListByCustomer(r.Context(), r.URL.Query().Get("customer_id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, list)
}

// Get serves GET /orders/{id}.
func (h *OrdersHandler) Get(w http.ResponseWriter, r *http.Request) {
	o, err := h.orders.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, o)
}

// Cancel serves POST /orders/{id}/cancel.
func (h *OrdersHandler) Cancel(w http.ResponseWriter, r *http.Request) {
	var in cancelRequest
	if r.ContentLength > 0 {
		if err := platform.DecodeJSON(r, &in); err != nil {
			platform.WriteError(w, h.log, err)
			return
		}
	}
	o, err := h.orders.Cancel(r.Context(), r.PathValue("id"), in.Reason)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, o)
}

// Pay serves POST /orders/{id}/pay. It answers 200 once the order is paid,
// 202 while the provider is still deciding and 402 when the card is
// declined.
func (h *OrdersHandler) Pay(w http.ResponseWriter, r *http.Request) {
	var in payRequest
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	o, err := h.orders.Pay(r.Context(), r.PathValue("id"), in.PaymentToken)
	if errors.Is(err, services.ErrPaymentDeclined) {
		platform.WriteStatusError(w, http.StatusPaymentRequired, err.Error())
		return
	}
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	status := http.StatusOK
	if o.Status != models.OrderPaid {
		status = http.StatusAccepted
	}
	platform.WriteJSON(w, status, o)
}

// Cart serves GET /carts/{customerID}.
func (h *OrdersHandler) Cart(w http.ResponseWriter, r *http.Request) {
	c, err := h.orders.Cart(r.Context(), r.PathValue("customerID"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

// AddToCart serves POST /carts/{customerID}/items.
func (h *OrdersHandler) AddToCart(w http.ResponseWriter, r *http.Request) {
	var in models.CartItem
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	c, err := h.orders.AddToCart(r.Context(), r.PathValue("customerID"), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

// RemoveFromCart serves DELETE /carts/{customerID}/items/{productID}.
func (h *OrdersHandler) RemoveFromCart(w http.ResponseWriter, r *http.Request) {
	c, err := h.orders.RemoveFromCart(r.Context(), r.PathValue("customerID"), r.PathValue("productID"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

// Checkout serves POST /carts/{customerID}/checkout.
func (h *OrdersHandler) Checkout(w http.ResponseWriter, r *http.Request) {
	var in checkoutRequest
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	o, err := h.orders.Checkout(r.Context(), r.PathValue("customerID"), in.AddressID)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	w.Header().Set("Location", ordersPrefix+"/"+o.ID)
	platform.WriteJSON(w, http.StatusCreated, o)
}
