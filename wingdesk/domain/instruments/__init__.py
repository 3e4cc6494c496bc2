"""Assessment instruments as data: versioned definitions, validated here, signed by HQ (docs/instruments.md).

`model` holds the parsed definition, `parse` turns JSON into it (or refuses with one InstrumentError),
`view` gives the text a form shows in one language with a country's added guidance, `signed_file` reads and
builds the statement HQ signs.
"""
