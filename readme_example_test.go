package myaccount_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeEmbedIsTheExample: the README's "Embed it" code is the body of
// Example, which go test runs, so the snippet a new user copies compiles and
// works.
func TestReadmeEmbedIsTheExample(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "func Example() {\n")
	end := strings.Index(s, "\t// Output: 200 true\n}")
	if start < 0 || end < start {
		t.Fatal("example_test.go: no Example with its output")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(s[start+len("func Example() {\n"):end], "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	if !strings.Contains(string(readme), "```go\n"+strings.Join(lines, "\n")+"\n```") {
		t.Error("README.md's Embed it code is not the body of Example in example_test.go")
	}
}
