// Read-only lookups of Turso groups (primary, locations, regions), as functions of a provider plugin.
package tursogroup
