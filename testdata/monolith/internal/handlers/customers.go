package handlers

import (
	"log/slog"
	"net/http"

	"example.com/shop/internal/platform"
	"example.com/shop/internal/services"
)

// customersPrefix is the root of the customer routes.
const customersPrefix = "/customers"

// CustomersHandler serves customer accounts and addresses.
type CustomersHandler struct {
	customers services.CustomerService
	log       *slog.Logger
}

// NewCustomers returns a CustomersHandler backed by customers.
func NewCustomers(customers services.CustomerService, log *slog.Logger) *CustomersHandler {
	return &CustomersHandler{customers: customers, log: log}
}

// Routes registers the customer routes on mux.
func (h *CustomersHandler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST "+customersPrefix, h.Create)
	mux.HandleFunc("GET "+customersPrefix, h.List)
	mux.HandleFunc("GET "+customersPrefix+"/{id}", h.Get)
	mux.HandleFunc("PATCH "+customersPrefix+"/{id}", h.Update)
	mux.HandleFunc("GET "+customersPrefix+"/{id}/summary", h.Summary)
	mux.HandleFunc("GET "+customersPrefix+"/{id}/addresses", h.Addresses)
	mux.HandleFunc("POST "+customersPrefix+"/{id}/addresses", h.AddAddress)
	mux.HandleFunc("DELETE "+customersPrefix+"/{id}/addresses/{addressID}", h.RemoveAddress)
}

// Create serves POST /customers.
func (h *CustomersHandler) Create(w http.ResponseWriter, r *http.Request) {
	var in services.RegisterCustomer
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	c, err := h.customers.Register(r.Context(), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	w.Header().Set("Location", customersPrefix+"/"+c.ID)
	platform.WriteJSON(w, http.StatusCreated, c)
}

// List serves GET /customers?limit=N.
func (h *CustomersHandler) List(w http.ResponseWriter, r *http.Request) {
	limit, err := platform.QueryInt(r, "limit", 0)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	cs, err := h.customers.List(r.Context(), limit)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, cs)
}

// Get serves GET /customers/{id}.
func (h *CustomersHandler) Get(w http.ResponseWriter, r *http.Request) {
	c, err := h.customers.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

// Update serves PATCH /customers/{id}.
func (h *CustomersHandler) Update(w http.ResponseWriter, r *http.Request) {
	var in services.UpdateCustomer
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	c, err := h.customers.Update(r.Context(), r.PathValue("id"), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

// Summary serves GET /customers/{id}/summary.
func (h *CustomersHandler) Summary(w http.ResponseWriter, r *http.Request) {
	s, err := h.customers.Summary(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, s)
}

// Addresses serves GET /customers/{id}/addresses.
func (h *CustomersHandler) Addresses(w http.ResponseWriter, r *http.Request) {
	as, err := h.customers.Addresses(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, as)
}

// AddAddress serves POST /customers/{id}/addresses.
func (h *CustomersHandler) AddAddress(w http.ResponseWriter, r *http.Request) {
	var in services.NewAddress
	if err := platform.DecodeJSON(r, &in); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	a, err := h.customers.AddAddress(r.Context(), r.PathValue("id"), in)
	if err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, a)
}

// RemoveAddress serves DELETE /customers/{id}/addresses/{addressID}.
func (h *CustomersHandler) RemoveAddress(w http.ResponseWriter, r *http.Request) {
	if err := h.customers.RemoveAddress(r.Context(), r.PathValue("id"), r.PathValue("addressID")); err != nil {
		platform.WriteError(w, h.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
