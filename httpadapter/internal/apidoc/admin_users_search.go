package apidoc

// userSearchParams are Logto's search parameters of GET /api/users beyond
// search itself.
func userSearchParams() []param {
	fields := []struct{ name, column string }{
		{"id", "id"}, {"primaryEmail", "primary_email"}, {"primaryPhone", "primary_phone"}, {"username", "username"}, {"name", "name"},
	}
	var ps []param
	for _, f := range fields {
		alias := ""
		if f.column != f.name {
			alias = " (also search." + f.column + ")"
		}
		ps = append(ps, param{name: "search." + f.name, schema: str(""),
			description: "A match on " + f.name + " alone" + alias + ", compared by its mode. May repeat in exact mode (any of the values)."})
	}
	ps = append(ps, param{name: "mode", schema: enum("exact", "like", "similar_to", "posix"),
		description: "The mode of every match without its own: exact (equal, lowercased unless case-sensitive), like (the default), " +
			"similar_to (SQL SIMILAR TO; needs isCaseSensitive=true) or posix (a regular expression matching anywhere; RE2 syntax is what every store accepts)."})
	for _, f := range fields {
		ps = append(ps, param{name: "mode." + f.name, schema: enum("exact", "like", "similar_to", "posix"),
			description: "The mode of the match on " + f.name + "."})
	}
	ps = append(ps,
		param{name: "joint", schema: enum("and", "or"), description: "How the matches join (default or). jointMode is the same."},
		param{name: "jointMode", schema: enum("and", "or"), description: "joint, by its other name."},
		param{name: "isCaseSensitive", schema: str(""), description: "true, 1, y or yes compares letters as written; anything else folds case (the default)."},
	)
	return ps
}
