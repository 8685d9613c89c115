package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// Route roots of the shipping area.
const (
	shipmentsPrefix = "/shipments"
	shipmentByID    = shipmentsPrefix + "/{id}"
)

// ShippingHandler serves shipments and their tracking.
type ShippingHandler struct {
	shipping services.ShippingService
	log      *slog.Logger
}

// NewShipping returns a ShippingHandler backed by shipping.
func NewShipping(shipping services.ShippingService, log *slog.Logger) *ShippingHandler {
	return &ShippingHandler{shipping: shipping, log: log}
}

// Routes registers the shipping routes on mux.
func (h *ShippingHandler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+shipmentsPrefix, h.List)
	mux.HandleFunc("GET "+shipmentByID, h.Get)
	mux.HandleFunc("GET "+shipmentByID+"/events", h.Events)
	mux.HandleFunc("POST "+shipmentByID+"/dispatch", h.Dispatch)
	mux.HandleFunc("POST "+shipmentByID+"/deliver", h.Deliver)
}

// List serves GET /shipments?order_id=ID: the order's shipment, if any.
func (h *ShippingHandler) List(w http.ResponseWriter, r *http.Request) {
	s, err := h.shipping.ForOrder(r.Context(), r.URL.Query().Get("order_id"))
	if errors.Is(err, platform.ErrNotFound) {
		platform.WriteJSON(w, http.StatusOK, []models.Shipment{})
		return
	}
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, []models.Shipment{s})
}

// Get serves GET /shipments/{id}.
func (h *ShippingHandler) Get(w http.ResponseWriter, r *http.Request) {
	s, err := h.shipping.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, s)
}

// Events serves GET /shipments/{id}/events.
func (h *ShippingHandler) Events(w http.ResponseWriter, r *http.Request) {
	es, err := h.shipping.Events(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, es)
}

// Dispatch serves POST /shipments/{id}/dispatch.
func (h *ShippingHandler) Dispatch(w http.ResponseWriter, r *http.Request) {
	var in services.DispatchRequest
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	s, err := h.shipping.Dispatch(r.Context(), r.PathValue("id"), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, s)
}

// Deliver serves POST /shipments/{id}/deliver.
func (h *ShippingHandler) Deliver(w http.ResponseWriter, r *http.Request) {
	s, err := h.shipping.Deliver(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, s)
}
