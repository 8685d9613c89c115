package strangler

import (
	"encoding/json"
	"errors"
	"github.com/ficus-dev/ficus/strangler/config"
	"io"
	"net/http"
)

func (a *admin) setMode(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Mode   string `json:"mode"`
		Reason string `json:"reason"`
	}
	if !decodeBody(w, r, &body, true) || body.Mode == "" {
		writeJSONError(w, http.StatusBadRequest, `send a JSON body like {"mode": "shadow"}`)
		return
	}
	reason := ReasonAdmin
	if m := config.Mode(body.Mode); m == config.ModeMonolith {
		st, err := a.p.Rollback(r.PathValue("name"), body.Reason)
		a.answer(w, st, err)
		return
	}
	st, err := a.p.SetMode(r.PathValue("name"), config.Mode(body.Mode), reason)
	a.answer(w, st, err)
}

func (a *admin) promote(w http.ResponseWriter, r *http.Request) {
	st, err := a.p.Promote(r.PathValue("name"))
	a.answer(w, st, err)
}

func (a *admin) rollback(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reason string `json:"reason"`
	}
	if !decodeBody(w, r, &body, false) {
		writeJSONError(w, http.StatusBadRequest, `send no body, or a JSON body like {"reason": "p99 too high"}`)
		return
	}
	st, err := a.p.Rollback(r.PathValue("name"), body.Reason)
	a.answer(w, st, err)
}

func (a *admin) parityDoc(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.p.Parity())
}

// answer writes a route's new status, or the error with its status code.
func (a *admin) answer(w http.ResponseWriter, st RouteStatus, err error) {
	switch {
	case errors.Is(err, ErrUnknownRoute):
		writeJSONError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, config.ErrBadMode):
		writeJSONError(w, http.StatusConflict, err.Error())
	case err != nil:
		writeJSONError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, st)
	}
}

// decodeBody reads a small JSON body into v; an empty body is accepted
// unless required.
func decodeBody(w http.ResponseWriter, r *http.Request, v any, required bool) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if errors.Is(err, io.EOF) {
		return !required
	}
	return err == nil
}
