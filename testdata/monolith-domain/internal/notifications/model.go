package notifications

import "time"

// Notification is one message sent to a member.
type Notification struct {
	ID       string    `json:"id"`
	MemberID string    `json:"member_id"`
	Kind     string    `json:"kind"`
	Body     string    `json:"body"`
	Sent     time.Time `json:"sent"`
}
