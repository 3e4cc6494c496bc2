"""The prison/wing hierarchy HQ publishes (issue 17 item 3, docs/publishing.md): prisons, their wings and which PC
serves which wing."""
