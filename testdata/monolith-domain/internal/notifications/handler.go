package notifications

import (
	"net/http"

	"example.com/library/internal/platform"
)

// Handler serves the notifications routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the notifications handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register registers the notifications routes on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /members/{id}/notifications", h.forMember)
}

func (h *Handler) forMember(w http.ResponseWriter, r *http.Request) {
	ns, err := h.svc.ForMember(r.Context(), r.PathValue("id"))
	if err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, ns)
}
