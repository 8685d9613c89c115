package reservations

import "time"

// Reservation is a member's hold on a title.
type Reservation struct {
	ID       string     `json:"id"`
	MemberID string     `json:"member_id"`
	TitleID  string     `json:"title_id"`
	Placed   time.Time  `json:"placed"`
	CopyID   string     `json:"copy_id,omitempty"`
	Ready    *time.Time `json:"ready,omitempty"`
}

// Waiting reports whether the hold still waits for a copy.
func (r Reservation) Waiting() bool { return r.Ready == nil }

// ReadyEvent is published when a held copy is ready for pick-up.
type ReadyEvent struct {
	ReservationID string `json:"reservation_id"`
	MemberID      string `json:"member_id"`
	CopyID        string `json:"copy_id"`
}

// placeRequest is the body of POST /reservations.
type placeRequest struct {
	MemberID string `json:"member_id"`
	TitleID  string `json:"title_id"`
}
