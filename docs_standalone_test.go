package myaccount_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsStandAlone: nothing in the repository points at files a user who
// clones it does not have (a private contract, its section numbers, design
// notes kept elsewhere). Behaviour that follows Logto names Logto's route or
// documentation; the project's own contract is docs/compatibility.md.
func TestDocsStandAlone(t *testing.T) {
	forbidden := regexp.MustCompile(strings.Join([]string{
		`[Ss]pec ` + `§`,             // section numbers of a private contract
		`\(` + `§[0-9]`,              // the same, bare
		`\.\./` + `shared`,           // the private folder
		`shared/` + `spec`,           // its files
		`spec/` + `account-api`,      //
		`example-` + `server\.md`,    //
		`DESIGN\.md ` + `rule [0-9]`, // rule numbers of a private design
		`\(decision ` + `[0-9]`,      // decision numbers of a private design
	}, "|"))
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name != "." && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".json", ".lua", ".sh", ".html", ".js", ".css", ".txt", ".yaml", ".yml":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := forbidden.FindString(line); m != "" {
				t.Errorf("%s:%d refers to a file the repository does not have (%q): %s", path, i+1, m, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
