package httpadapter

// RoutePatterns lists the patterns of the end-user routes h mounts, from
// its route table, so the external tests can walk every route.
func RoutePatterns(h *Handler) []string {
	var patterns []string
	for _, rt := range h.routes() {
		if rt.serve != nil {
			patterns = append(patterns, rt.pattern)
		}
	}
	return patterns
}
