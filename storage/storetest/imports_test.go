package storetest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// rootPackage is the use-case package, which a store's test must not need.
const rootPackage = "github.com/myaccount-go/myaccount"

// TestNeedsOnlyTheDomainPackages proves that the suite depends on the
// domain packages' contracts only: a third party's store test that runs it
// does not build the use cases (the root package) or anything that imports
// them, such as httpadapter.
func TestNeedsOnlyTheDomainPackages(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
			t.Fatalf("the go command is not on PATH: %v", err)
		}
		t.Skipf("the go command is not on PATH: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 || deps[len(deps)-1] != rootPackage+"/storage/storetest" {
		t.Fatalf("go list -deps . does not end with storetest itself: %q", deps)
	}
	for _, dep := range deps {
		if dep == rootPackage {
			t.Errorf("storetest depends on %s; it should need only account, verification and mfa", rootPackage)
		}
	}
}
