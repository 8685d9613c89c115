package reservations

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the reservations routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the reservations handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the reservations routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /reservations", h.place)
	mux.HandleFunc("GET /reservations/{id}", h.get)
	mux.HandleFunc("DELETE /reservations/{id}", h.cancel)
	mux.HandleFunc("GET /titles/{id}/reservations", h.forTitle)
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	var req placeRequest
	if err := platform.DecodeJSON(r, &req); err != nil {
		platform.WriteError(w, err)
		return
	}
	res, err := h.svc.Place(r.Context(), req.MemberID, req.TitleID)
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, res)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	res, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, res)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Cancel(r.Context(), r.PathValue("id")); err != nil {
		platform.WriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) forTitle(w http.ResponseWriter, r *http.Request) {
	rs, err := h.svc.ForTitle(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, rs)
}
