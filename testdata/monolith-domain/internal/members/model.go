package members

import "time"

// Member is a library member.
type Member struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Email    string    `json:"email"`
	MaxLoans int       `json:"max_loans"`
	Blocked  bool      `json:"blocked"`
	Joined   time.Time `json:"joined"`
}

// Summary is a member with the count of open loans and unpaid fines.
type Summary struct {
	Member      Member `json:"member"`
	OpenLoans   int    `json:"open_loans"`
	UnpaidCents int64  `json:"unpaid_cents"`
}

// JoinedEvent is published when a member signs up.
type JoinedEvent struct {
	MemberID string `json:"member_id"`
	Email    string `json:"email"`
}

// signUp is the body of POST /members.
type signUp struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}
