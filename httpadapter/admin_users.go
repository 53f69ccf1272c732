package httpadapter

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The administrator's user routes (Logto's Management API under
// /api/users). Each decodes its path, query and body and calls one Service
// method; the rules are the method's. Mount the AdminHandler at
// "/api/users" and "/api/users/" (and "/api/account-center", "/api/connectors/").

func (h *AdminHandler) userRoutes() []route {
	s := h.svc
	return []route{
		{"GET /api/users", noBody(http.StatusOK, h.listUsers)},
		{"POST /api/users", withBody(http.StatusOK, func(c *call, in myaccount.CreateUserInput) (any, error) {
			return s.Admin.AddUser(c.r.Context(), in)
		})},
		{"GET /api/users/{userId}", noBody(http.StatusOK, h.getUser)},
		{"PATCH /api/users/{userId}", withBody(http.StatusOK, func(c *call, in myaccount.UpdateUserInput) (any, error) {
			return s.Admin.EditUser(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"DELETE /api/users/{userId}", noBody(http.StatusNoContent, func(c *call) (any, error) {
			return nil, s.Admin.RemoveUser(c.r.Context(), c.r.PathValue("userId"))
		})},
		{"PATCH /api/users/{userId}/profile", withBody(http.StatusOK, func(c *call, in myaccount.UpdateUserProfileInput) (any, error) {
			return s.Admin.EditProfile(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"GET /api/users/{userId}/custom-data", noBody(http.StatusOK, func(c *call) (any, error) {
			return s.Admin.CustomData(c.r.Context(), c.r.PathValue("userId"))
		})},
		{"PATCH /api/users/{userId}/custom-data", withBody(http.StatusOK, func(c *call, in myaccount.UpdateCustomDataInput) (any, error) {
			return s.Admin.EditCustomData(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"PATCH /api/users/{userId}/is-suspended", withBody(http.StatusOK, func(c *call, in myaccount.SetSuspendedInput) (any, error) {
			return s.Admin.SetSuspended(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"POST /api/users/{userId}/password/verify", withBody(http.StatusNoContent, func(c *call, in myaccount.PasswordInput) (any, error) {
			return nil, s.Admin.CheckPassword(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"PATCH /api/users/{userId}/password", withBody(http.StatusOK, func(c *call, in myaccount.PasswordInput) (any, error) {
			return s.Admin.SetPassword(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"GET /api/users/{userId}/has-password", noBody(http.StatusOK, func(c *call) (any, error) {
			return s.Admin.HasPassword(c.r.Context(), c.r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/identities", withBody(http.StatusOK, func(c *call, in myaccount.AdminLinkIdentityInput) (any, error) {
			return s.Admin.LinkIdentity(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"PUT /api/users/{userId}/identities/{target}", withBody(http.StatusOK, h.replaceIdentity)},
		{"DELETE /api/users/{userId}/identities/{target}", noBody(http.StatusOK, func(c *call) (any, error) {
			return s.Admin.UnlinkIdentity(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("target"))
		})},
		{"GET /api/users/{userId}/mfa-verifications", noBody(http.StatusOK, func(c *call) (any, error) {
			return s.Admin.MFAFactors(c.r.Context(), c.r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/mfa-verifications", withBody(http.StatusOK, func(c *call, in myaccount.CreateFactorInput) (any, error) {
			return s.Admin.AddMFAFactor(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		{"DELETE /api/users/{userId}/mfa-verifications/{verificationId}", noBody(http.StatusNoContent, func(c *call) (any, error) {
			return nil, s.Admin.RemoveMFAFactor(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("verificationId"))
		})},
		{"GET /api/users/{userId}/personal-access-tokens", noBody(http.StatusOK, func(c *call) (any, error) {
			return s.Admin.PersonalAccessTokens(c.r.Context(), c.r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/personal-access-tokens", withBody(http.StatusCreated, func(c *call, in myaccount.CreateAccessTokenInput) (any, error) {
			return s.Admin.NewPersonalAccessToken(c.r.Context(), c.r.PathValue("userId"), in)
		})},
		// Logto's two ways to name the token: in the body (these two,
		// for names that do not fit a path) or in the path.
		{"PATCH /api/users/{userId}/personal-access-tokens", withBody(http.StatusOK, func(c *call, in myaccount.RenameAccessTokenInput) (any, error) {
			return s.Admin.RenamePersonalAccessToken(c.r.Context(), c.r.PathValue("userId"), in.CurrentName, in)
		})},
		{"POST /api/users/{userId}/personal-access-tokens/delete", withBody(http.StatusNoContent, func(c *call, in myaccount.DeleteAccessTokenInput) (any, error) {
			return nil, s.Admin.RevokePersonalAccessToken(c.r.Context(), c.r.PathValue("userId"), in.Name)
		})},
		{"PATCH /api/users/{userId}/personal-access-tokens/{name}", withBody(http.StatusOK, func(c *call, in myaccount.RenameAccessTokenInput) (any, error) {
			return s.Admin.RenamePersonalAccessToken(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("name"), in)
		})},
		{"DELETE /api/users/{userId}/personal-access-tokens/{name}", noBody(http.StatusNoContent, func(c *call) (any, error) {
			return nil, s.Admin.RevokePersonalAccessToken(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("name"))
		})},
	}
}

// replaceIdentity answers 201 when the identity is new, 200 when it
// replaced one, as Logto does.
func (h *AdminHandler) replaceIdentity(c *call, in myaccount.AdminIdentityInput) (answer, error) {
	ids, created, err := h.svc.Admin.ReplaceIdentity(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("target"), in)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return answer{status: status, body: ids}, err
}

var errInvalidPagination = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidPagination)

// listUsers answers GET /api/users?page=&page_size= and Logto's search
// (search=, search.<field>=, mode=, mode.<field>=, joint=, isCaseSensitive=;
// see parseUserSearch): a JSON array of users, the Total-Number header and
// Link headers (first, prev, last, next) as Logto's pagination writes them.
// A search it cannot parse or the use case refuses is 400
// request.invalid_input.
func (h *AdminHandler) listUsers(c *call) ([]*myaccount.UserView, error) {
	query, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return nil, errInvalidInput
	}
	var in myaccount.ListUsersInput
	if in.Page, err = pageParam(query, "page"); err != nil {
		return nil, err
	}
	if in.PageSize, err = pageParam(query, "page_size"); err != nil {
		return nil, err
	}
	if in.Search, err = parseUserSearch(query); err != nil {
		return nil, invalidSearch(err)
	}
	list, err := h.svc.Admin.SearchUsers(c.r.Context(), in)
	if err != nil {
		return nil, err
	}
	c.w.Header().Set("Total-Number", strconv.Itoa(list.Total))
	for _, link := range pageLinks(c.r.URL.Path, query, list) {
		c.w.Header().Add("Link", link)
	}
	return list.Users, nil
}

// getUser answers GET /api/users/{userId}; includeSsoIdentities=true (or
// 1, y, yes: Logto's yes()) adds the user's SSO identities. A repeated
// includeSsoIdentities is guard.invalid_input, as Logto's guard of a
// single string refuses it.
func (h *AdminHandler) getUser(c *call) (*myaccount.UserView, error) {
	// A malformed pair elsewhere in the query is skipped, as before the
	// parameter existed: the plain answer stays what it was.
	query, _ := url.ParseQuery(c.r.URL.RawQuery)
	var opt myaccount.UserOptions
	switch v := query["includeSsoIdentities"]; len(v) {
	case 0:
	case 1:
		opt.IncludeSSOIdentities = slices.Contains(yesWords, strings.ToLower(v[0]))
	default:
		return nil, errInvalidInput
	}
	return h.svc.Admin.UserWith(c.r.Context(), c.r.PathValue("userId"), opt)
}

// pageParam reads an optional page number: absent or empty is unset; a
// repeated one or one that is not an integer is guard.invalid_pagination.
// Its range is the use case's to check.
func pageParam(query url.Values, name string) (myaccount.Optional[int], error) {
	values := query[name]
	switch {
	case len(values) == 0 || len(values) == 1 && values[0] == "":
		return myaccount.Optional[int]{}, nil
	case len(values) > 1:
		return myaccount.Optional[int]{}, errInvalidPagination
	}
	n, err := strconv.Atoi(values[0])
	if err != nil {
		return myaccount.Optional[int]{}, errInvalidPagination
	}
	return myaccount.Set(n), nil
}

// pageLinks are the Link header values of a page: first, prev (after the
// first page), last and next (before the last page), relative to the
// request's path and keeping its other query parameters.
func pageLinks(path string, query url.Values, list *myaccount.UserList) []string {
	link := func(page int, rel string) string {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(page))
		return fmt.Sprintf("<%s?%s>; rel=%q", path, q.Encode(), rel)
	}
	last := max(1, (list.Total+list.PageSize-1)/list.PageSize)
	links := []string{link(1, "first")}
	if list.Page > 1 {
		links = append(links, link(list.Page-1, "prev"))
	}
	links = append(links, link(last, "last"))
	if list.Page < last {
		links = append(links, link(list.Page+1, "next"))
	}
	return links
}
