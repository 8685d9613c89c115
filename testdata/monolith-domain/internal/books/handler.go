package books

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the catalogue routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the catalogue handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the catalogue routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /titles", h.addTitle)
	mux.HandleFunc("GET /titles", h.search)
	mux.HandleFunc("GET /titles/{id}", h.title)
	mux.HandleFunc("GET /titles/{id}/availability", h.availability)
	mux.HandleFunc("GET /copies/{id}", h.copy)
	mux.HandleFunc("POST /copies/{id}/withdraw", h.withdraw)
}

func (h *Handler) addTitle(w http.ResponseWriter, r *http.Request) {
	var req newTitle
	if err := platform.DecodeJSON(r, &req); err != nil {
		platform.WriteError(w, err)
		return
	}
	t, err := h.svc.AddTitle(r.Context(), req)
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, t)
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	ts, err := h.svc.Search(r.Context(), r.URL.Query().Get("q"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ts)
}

func (h *Handler) title(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.Title(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, t)
}

func (h *Handler) availability(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Availability(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, a)
}

func (h *Handler) copy(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Copy(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, c)
}

func (h *Handler) withdraw(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Withdraw(r.Context(), r.PathValue("id")); err != nil {
		platform.WriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
