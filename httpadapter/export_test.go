package httpadapter

import "github.com/myaccount-go/myaccount"

// RoutePatterns lists the patterns of the end-user routes a Handler on svc
// mounts, from its route table, so the external tests can walk every route.
func RoutePatterns(svc *myaccount.Service) []string {
	h := &Handler{svc: svc}
	var patterns []string
	for _, rt := range h.routes() {
		if rt.serve != nil {
			patterns = append(patterns, rt.pattern)
		}
	}
	return patterns
}

// WellKnownRoutePatterns lists the patterns of the anonymous routes a
// Handler on svc mounts.
func WellKnownRoutePatterns(svc *myaccount.Service) []string {
	h := &Handler{svc: svc}
	var patterns []string
	for _, rt := range h.wellKnownRoutes() {
		patterns = append(patterns, rt.pattern)
	}
	return patterns
}

// AdminRoutePatterns lists the patterns of the administrator's user,
// connector and verification-code routes, from their tables (GET and PATCH
// /api/account-center are mounted beside them).
func AdminRoutePatterns(svc *myaccount.Service) []string {
	h := &AdminHandler{svc: svc}
	var patterns []string
	for _, rt := range append(h.userRoutes(), h.connectorRoutes()...) {
		patterns = append(patterns, rt.pattern)
	}
	for _, rt := range h.verificationCodeRoutes() {
		patterns = append(patterns, rt.pattern)
	}
	for _, rt := range h.subjectTokenRoutes() {
		patterns = append(patterns, rt.pattern)
	}
	for _, rt := range h.grantRoutes() {
		if rt.serve != nil {
			patterns = append(patterns, rt.pattern)
		}
	}
	return patterns
}
