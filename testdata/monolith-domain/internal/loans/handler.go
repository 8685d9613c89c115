package loans

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the loans routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the loans handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the loans routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /loans", h.borrow)
	mux.HandleFunc("GET /loans/{id}", h.get)
	mux.HandleFunc("POST /loans/{id}/return", h.giveBack)
	mux.HandleFunc("GET /members/{id}/loans", h.forMember)
}

func (h *Handler) borrow(w http.ResponseWriter, r *http.Request) {
	var req borrowRequest
	if err := platform.DecodeJSON(r, &req); err != nil {
		platform.WriteError(w, err)
		return
	}
	rec, err := h.svc.Borrow(r.Context(), req.MemberID, req.CopyID)
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusCreated, rec)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, l)
}

func (h *Handler) giveBack(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Return(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, l)
}

func (h *Handler) forMember(w http.ResponseWriter, r *http.Request) {
	ls, err := h.svc.OpenFor(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ls)
}
