package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The one way from an HTTP request to a use case, shared by the three
// handlers. A handler admits a request its own way (the Handler
// authenticates a user, the AdminHandler checks the administrator, the
// SignInHandler takes no one) and turns it into a call; every route is
// withBody or noBody over a use case; the use case's answer or error is
// written by respond.

// route is one route of a handler: its ServeMux pattern and its code. Each
// handler's table is the one list of its routes; tests walk them. A route
// whose serve is nil (an optional feature left unconfigured) is not
// mounted.
type route struct {
	pattern string
	serve   func(*call) (answer, error)
}

// call is one admitted request: the request, the response writer (for a
// route that sets headers, or the sign-in host's own answer) and the
// caller, where the handler has one.
type call struct {
	w      http.ResponseWriter
	r      *http.Request
	caller myaccount.Caller
	opts   *options
	// gated: a body that does not decode is the caller's RequestError,
	// answered by the use case after its gate (the Handler); otherwise it
	// is answered at once.
	gated bool
}

// answer is what a route returns: a status and a JSON body (nil: none).
// Status 0 means the route has answered itself (the sign-in host's
// SignedIn hook wrote the answer).
type answer struct {
	status int
	body   any
}

// mount puts a handler's routes on mux, each admitted by admit: admit
// turns the request into its call, or refuses it with the error to
// answer.
func mount(mux *http.ServeMux, o *options, routes []route, admit func(http.ResponseWriter, *http.Request) (*call, error)) {
	for _, rt := range routes {
		if rt.serve == nil {
			continue // an optional feature the app did not configure: not mounted
		}
		serve := rt.serve
		mux.Handle(rt.pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, err := admit(w, r)
			if err != nil {
				respond(w, r, o, answer{}, err)
				return
			}
			a, err := serve(c)
			respond(w, r, o, a, err)
		}))
	}
}

// respond writes a route's answer, or its error.
func respond(w http.ResponseWriter, r *http.Request, o *options, a answer, err error) {
	switch {
	case err != nil:
		writeError(w, r, o.logger, err)
	case a.status == 0:
		// answered by the route itself
	case a.body == nil:
		w.WriteHeader(a.status)
	default:
		writeJSON(w, a.status, a.body)
	}
}

// withBody adapts a use case that takes a JSON body: decode it (see
// call.decode), call, answer status with what it returns (nothing for
// 204).
func withBody[In, Out any](status int, useCase func(*call, In) (Out, error)) func(*call) (answer, error) {
	return func(c *call) (answer, error) {
		var in In
		if err := c.decode(&in); err != nil {
			return answer{}, err
		}
		out, err := useCase(c, in)
		return reply(status, out, err)
	}
}

// noBody adapts a use case that reads no JSON body.
func noBody[Out any](status int, useCase func(*call) (Out, error)) func(*call) (answer, error) {
	return func(c *call) (answer, error) {
		out, err := useCase(c)
		return reply(status, out, err)
	}
}

// reply is the answer to a use case's result: status with out (no body
// for 204). A use case whose status depends on its outcome returns its
// answer itself.
func reply(status int, out any, err error) (answer, error) {
	if err != nil {
		return answer{}, err
	}
	if a, ok := out.(answer); ok {
		return a, nil
	}
	if status == http.StatusNoContent {
		out = nil
	}
	return answer{status: status, body: out}, nil
}

// none is the answer of a use case that answers nothing.
type none struct{}

// decode reads the call's body (413 beyond the limit) and decodes it into
// v. A body that does not decode is guard.invalid_input: on a gated call
// it becomes the caller's RequestError, which the use case, called with
// the zero input, answers after its gate, in Logto's order.
func (c *call) decode(v any) error {
	body, err := readBody(c.r, c.opts.maxBodyBytes)
	if err != nil {
		return err
	}
	if err := decodeJSON(body, v); err != nil {
		if !c.gated {
			return err
		}
		c.refuse(err)
	}
	return nil
}

// refuse makes err the call's RequestError, for the use case to answer.
func (c *call) refuse(err error) {
	if c.caller.RequestError == nil {
		c.caller.RequestError = err
	}
}
