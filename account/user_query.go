package account

// UserQuery asks Store.ListUsers for one page of users.
type UserQuery struct {
	// Search keeps the users whose username, primary email, primary phone
	// or name contains it, ignoring case (ASCII letters at least; other
	// letters as the store's database folds them). Empty keeps every user.
	Search string
	// Page is the page number, from 1; PageSize the users per page, at
	// least 1. A store refuses other values with an error.
	Page     int
	PageSize int
}

// Offset returns how many users come before the page. ok is false when Page
// or PageSize is below 1, or when the offset does not fit in an int (a page
// so far out that it is empty anyway).
func (q UserQuery) Offset() (offset int, ok bool) {
	if q.Page < 1 || q.PageSize < 1 {
		return 0, false
	}
	const maxInt = int(^uint(0) >> 1)
	if q.Page-1 > maxInt/q.PageSize {
		return 0, false
	}
	return (q.Page - 1) * q.PageSize, true
}
