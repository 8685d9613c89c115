package fines

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the fines routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the fines handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the fines routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /fines/{id}", h.get)
	mux.HandleFunc("POST /fines/{id}/pay", h.pay)
	mux.HandleFunc("GET /members/{id}/fines", h.forMember)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	f, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, f)
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	f, err := h.svc.Pay(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, f)
}

func (h *Handler) forMember(w http.ResponseWriter, r *http.Request) {
	fs, err := h.svc.ForMember(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, fs)
}
