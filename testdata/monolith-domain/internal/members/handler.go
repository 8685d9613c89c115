package members

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the members routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the members handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the members routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /members", h.signUp)
	mux.HandleFunc("GET /members", h.list)
	mux.HandleFunc("GET /members/{id}", h.get)
	mux.HandleFunc("POST /members/{id}/block", h.block)
	mux.HandleFunc("GET /members/{id}/summary", h.summary)
}

func (h *Handler) signUp(w http.ResponseWriter, r *http.Request) {
	var req signUp
	if err := platform.DecodeJSON(r, &req); err != nil {
		platform.WriteError(w, err)
		return
	}
	m, err := h.svc.SignUp(r.Context(), req.Name, req.Email)
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, m)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	ms, err := h.svc.List(r.Context())
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ms)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, m)
}

func (h *Handler) block(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Block(r.Context(), r.PathValue("id")); err != nil {
		platform.WriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) summary(w http.ResponseWriter, r *http.Request) {
	s, err := h.svc.Summary(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, s)
}
