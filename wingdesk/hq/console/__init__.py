"""The HQ console: a browser application for HQ staff, separate from the wings' upload endpoint.

`staff` holds the accounts (Argon2id verifiers, lock-out), `sessions` the signed-in browsers and their one-time
form tokens, `app` builds the Starlette application, `auth_pages` and `ops_pages` answer its pages, `queries`
reads what the operations pages show, `render` turns templates into pages, `headers` adds the security headers,
`commands` runs `wingdesk-hq console` and `wingdesk-hq staff`. Nothing here imports the server stack at import
time of this package: the wheel's tests read the templates without Starlette installed.
"""
