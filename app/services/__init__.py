"""The domain layer over the OVH API: plain functions in, frozen dataclasses out.

No Flask request, flash or template here; failures are :class:`app.services.errors.PanelError`.
"""
