"""Sync bundle format shared by wing and HQ: keys, sealing/opening, receipts, enrolment, HQ→wing data, USB.

Import what you need from its module (`wingdesk.sync.bundle`, `wingdesk.sync.keys`, …): this package re-exports
nothing.
"""
