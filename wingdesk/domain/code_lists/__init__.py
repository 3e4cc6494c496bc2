"""Code lists HQ extends for every wing (issue 17 item 3, docs/publishing.md): a signed, versioned document adds
entries to a built-in list of domain/codes.py. Only the lists named in model.LISTS can be extended."""
