package httpadapter

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The administrator's user routes (Logto's Management API under
// /api/users). Each decodes its path, query and body and calls one Service
// method; the rules are the method's. Mount the AdminHandler at
// "/api/users" and "/api/users/" (and "/api/account-center").

// adminRoute is one administrator route: its ServeMux pattern and its code.
type adminRoute struct {
	pattern string
	serve   func(w http.ResponseWriter, r *http.Request) (answer, error)
}

func (h *AdminHandler) userRoutes() []adminRoute {
	s := h.svc
	return []adminRoute{
		{"GET /api/users", h.listUsers},
		{"POST /api/users", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.CreateUserInput) (any, error) {
			return s.Admin.AddUser(r.Context(), in)
		})},
		{"GET /api/users/{userId}", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.User(r.Context(), r.PathValue("userId"))
		})},
		{"PATCH /api/users/{userId}", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.UpdateUserInput) (any, error) {
			return s.Admin.EditUser(r.Context(), r.PathValue("userId"), in)
		})},
		{"DELETE /api/users/{userId}", adminCall(http.StatusNoContent, func(r *http.Request) (any, error) {
			return nil, s.Admin.RemoveUser(r.Context(), r.PathValue("userId"))
		})},
		{"PATCH /api/users/{userId}/profile", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.UpdateUserProfileInput) (any, error) {
			return s.Admin.EditProfile(r.Context(), r.PathValue("userId"), in)
		})},
		{"GET /api/users/{userId}/custom-data", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.CustomData(r.Context(), r.PathValue("userId"))
		})},
		{"PATCH /api/users/{userId}/custom-data", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.UpdateCustomDataInput) (any, error) {
			return s.Admin.EditCustomData(r.Context(), r.PathValue("userId"), in)
		})},
		{"PATCH /api/users/{userId}/is-suspended", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.SetSuspendedInput) (any, error) {
			return s.Admin.SetSuspended(r.Context(), r.PathValue("userId"), in)
		})},
		{"POST /api/users/{userId}/password/verify", adminBody(h, http.StatusNoContent, func(r *http.Request, in myaccount.PasswordInput) (any, error) {
			return nil, s.Admin.CheckPassword(r.Context(), r.PathValue("userId"), in)
		})},
		{"PATCH /api/users/{userId}/password", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.PasswordInput) (any, error) {
			return s.Admin.SetPassword(r.Context(), r.PathValue("userId"), in)
		})},
		{"GET /api/users/{userId}/has-password", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.HasPassword(r.Context(), r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/identities", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.AdminLinkIdentityInput) (any, error) {
			return s.Admin.LinkIdentity(r.Context(), r.PathValue("userId"), in)
		})},
		{"PUT /api/users/{userId}/identities/{target}", h.replaceIdentity},
		{"DELETE /api/users/{userId}/identities/{target}", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.UnlinkIdentity(r.Context(), r.PathValue("userId"), r.PathValue("target"))
		})},
		{"GET /api/users/{userId}/mfa-verifications", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.MFAFactors(r.Context(), r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/mfa-verifications", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.CreateFactorInput) (any, error) {
			return s.Admin.AddMFAFactor(r.Context(), r.PathValue("userId"), in)
		})},
		{"DELETE /api/users/{userId}/mfa-verifications/{verificationId}", adminCall(http.StatusNoContent, func(r *http.Request) (any, error) {
			return nil, s.Admin.RemoveMFAFactor(r.Context(), r.PathValue("userId"), r.PathValue("verificationId"))
		})},
		{"GET /api/users/{userId}/personal-access-tokens", adminCall(http.StatusOK, func(r *http.Request) (any, error) {
			return s.Admin.PersonalAccessTokens(r.Context(), r.PathValue("userId"))
		})},
		{"POST /api/users/{userId}/personal-access-tokens", adminBody(h, http.StatusCreated, func(r *http.Request, in myaccount.CreateAccessTokenInput) (any, error) {
			return s.Admin.NewPersonalAccessToken(r.Context(), r.PathValue("userId"), in)
		})},
		// Logto's two ways to name the token: in the body (these two,
		// for names that do not fit a path) or in the path.
		{"PATCH /api/users/{userId}/personal-access-tokens", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.RenameAccessTokenInput) (any, error) {
			return s.Admin.RenamePersonalAccessToken(r.Context(), r.PathValue("userId"), in.CurrentName, in)
		})},
		{"POST /api/users/{userId}/personal-access-tokens/delete", adminBody(h, http.StatusNoContent, func(r *http.Request, in myaccount.DeleteAccessTokenInput) (any, error) {
			return nil, s.Admin.RevokePersonalAccessToken(r.Context(), r.PathValue("userId"), in.Name)
		})},
		{"PATCH /api/users/{userId}/personal-access-tokens/{name}", adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.RenameAccessTokenInput) (any, error) {
			return s.Admin.RenamePersonalAccessToken(r.Context(), r.PathValue("userId"), r.PathValue("name"), in)
		})},
		{"DELETE /api/users/{userId}/personal-access-tokens/{name}", adminCall(http.StatusNoContent, func(r *http.Request) (any, error) {
			return nil, s.Admin.RevokePersonalAccessToken(r.Context(), r.PathValue("userId"), r.PathValue("name"))
		})},
	}
}

// serveAdmin runs a route and writes its answer or its error.
func (h *AdminHandler) serveAdmin(route func(w http.ResponseWriter, r *http.Request) (answer, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := route(w, r)
		if err != nil {
			writeError(w, r, h.opts.logger, err)
			return
		}
		if a.body == nil {
			w.WriteHeader(a.status)
			return
		}
		writeJSON(w, a.status, a.body)
	}
}

// adminCall adapts a use case that takes no body.
func adminCall(status int, useCase func(r *http.Request) (any, error)) func(http.ResponseWriter, *http.Request) (answer, error) {
	return func(_ http.ResponseWriter, r *http.Request) (answer, error) {
		out, err := useCase(r)
		return reply(status, out, err)
	}
}

// adminBody adapts a use case that takes a JSON body: read it (413 beyond
// the limit), decode it (400 guard.invalid_input), call.
func adminBody[In any](h *AdminHandler, status int, useCase func(r *http.Request, in In) (any, error)) func(http.ResponseWriter, *http.Request) (answer, error) {
	return func(_ http.ResponseWriter, r *http.Request) (answer, error) {
		var in In
		body, err := readBody(r, h.opts.maxBodyBytes)
		if err != nil {
			return answer{}, err
		}
		if err := decodeJSON(body, &in); err != nil {
			return answer{}, err
		}
		out, err := useCase(r, in)
		return reply(status, out, err)
	}
}

// replaceIdentity answers 201 when the identity is new, 200 when it
// replaced one, as Logto does.
func (h *AdminHandler) replaceIdentity(w http.ResponseWriter, r *http.Request) (answer, error) {
	var created bool
	a, err := adminBody(h, http.StatusOK, func(r *http.Request, in myaccount.AdminIdentityInput) (any, error) {
		ids, isNew, err := h.svc.Admin.ReplaceIdentity(r.Context(), r.PathValue("userId"), r.PathValue("target"), in)
		created = isNew
		return ids, err
	})(w, r)
	if err == nil && created {
		a.status = http.StatusCreated
	}
	return a, err
}

var errInvalidPagination = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidPagination)

// listUsers answers GET /api/users?page=&page_size=&search=: a JSON array
// of users, the Total-Number header and Link headers (first, prev, last,
// next) as Logto's pagination writes them.
func (h *AdminHandler) listUsers(w http.ResponseWriter, r *http.Request) (answer, error) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return answer{}, errInvalidInput
	}
	var in myaccount.ListUsersInput
	if in.Page, err = pageParam(query, "page"); err != nil {
		return answer{}, err
	}
	if in.PageSize, err = pageParam(query, "page_size"); err != nil {
		return answer{}, err
	}
	if values := query["search"]; len(values) > 1 {
		return answer{}, errInvalidInput
	} else if len(values) == 1 {
		in.Search = values[0]
	}
	list, err := h.svc.Admin.SearchUsers(r.Context(), in)
	if err != nil {
		return answer{}, err
	}
	w.Header().Set("Total-Number", strconv.Itoa(list.Total))
	for _, link := range pageLinks(r.URL.Path, query, list) {
		w.Header().Add("Link", link)
	}
	return answer{status: http.StatusOK, body: list.Users}, nil
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
