package connector

// Platform is where a social connector's flow runs, spelled as Logto's
// ConnectorPlatform (packages/toolkit/connector-kit/src/types/metadata.ts).
type Platform string

// The platforms. Logto's Account Center skips Native connectors and, of
// two connectors with one target, prefers the Web one.
const (
	PlatformNative    Platform = "Native"
	PlatformUniversal Platform = "Universal"
	PlatformWeb       Platform = "Web"
)

// Display is how a sign-in or account page shows a social connector: the
// fields of Logto's connector metadata that GET
// /api/.well-known/sign-in-exp lists for each social connector.
type Display struct {
	// Name is the connector's name by language tag ("en", "fr", "zh-CN");
	// "en" is the one every page falls back to. Default: {"en": Target}.
	Name map[string]string
	// Logo and LogoDark are image URLs (or data: URIs); LogoDark, for dark
	// mode, is null when empty.
	Logo     string
	LogoDark string
	// Platform defaults to PlatformUniversal.
	Platform Platform
}

// Displayed is optionally implemented by a Social connector that says how
// pages show it. Without it a page shows the connector's target as its
// name, with no logo.
type Displayed interface {
	Display() Display
}

// DisplayOf is c's Display with the defaults filled in.
func DisplayOf(c Connector) Display {
	var d Display
	if shown, ok := c.(Displayed); ok {
		d = shown.Display()
	}
	if d.Name["en"] == "" {
		name := map[string]string{"en": c.Target()}
		for tag, v := range d.Name {
			if tag != "en" {
				name[tag] = v
			}
		}
		d.Name = name
	}
	if d.Platform == "" {
		d.Platform = PlatformUniversal
	}
	return d
}
