"""The panel's own accounts as a service: users, grants, one-time links, passwords, sign-in rules
and the demo accounts. The auth and admin blueprints and the CLI use it; it never reads a request.
"""
