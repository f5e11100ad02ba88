"""What the tests and the benchmarks share: builds of the project, a browser, a local
Pages-like server, Lighthouse. Nothing under hooks/ imports it."""
