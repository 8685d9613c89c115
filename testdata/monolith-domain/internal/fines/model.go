package fines

import "time"

// Fine is an amount a member owes for one late loan.
type Fine struct {
	ID          string    `json:"id"`
	MemberID    string    `json:"member_id"`
	LoanID      string    `json:"loan_id"`
	AmountCents int64     `json:"amount_cents"`
	Paid        bool      `json:"paid"`
	Assessed    time.Time `json:"assessed"`
}

// lateLoan is a loan row the assessment reads.
type lateLoan struct {
	ID       string
	MemberID string
	Due      time.Time
}

// PaidEvent is published when a fine is paid.
type PaidEvent struct {
	FineID   string `json:"fine_id"`
	MemberID string `json:"member_id"`
}
