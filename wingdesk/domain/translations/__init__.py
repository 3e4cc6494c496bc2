"""HQ's translation updates (issue 17 item 3, docs/publishing.md): which strings may be replaced, and the document."""
