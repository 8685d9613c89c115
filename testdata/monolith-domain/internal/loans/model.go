package loans

import (
	"time"

	"example.com/library/internal/books"
)

// Loan is one copy lent to one member.
type Loan struct {
	ID       string     `json:"id"`
	MemberID string     `json:"member_id"`
	CopyID   string     `json:"copy_id"`
	Lent     time.Time  `json:"lent"`
	Due      time.Time  `json:"due"`
	Returned *time.Time `json:"returned,omitempty"`
}

// Overdue reports whether the loan is late at now.
func (l Loan) Overdue(now time.Time) bool { return l.Returned == nil && now.After(l.Due) }

// Receipt is what a member gets when borrowing: the loan and the copy.
type Receipt struct {
	Loan Loan       `json:"loan"`
	Copy books.Copy `json:"copy"`
}

// ReturnedEvent is published when a copy comes back.
type ReturnedEvent struct {
	LoanID  string `json:"loan_id"`
	CopyID  string `json:"copy_id"`
	TitleID string `json:"title_id"`
}

// OverdueEvent is published for each loan found late.
type OverdueEvent struct {
	LoanID   string `json:"loan_id"`
	MemberID string `json:"member_id"`
	DaysLate int    `json:"days_late"`
}

// borrowRequest is the body of POST /loans.
type borrowRequest struct {
	MemberID string `json:"member_id"`
	CopyID   string `json:"copy_id"`
}
