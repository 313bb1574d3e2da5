// Keeps this test target buildable on the `catalog` branch, which does not have the YAML tests yet.
// Delete when merging with main.
