"""Disk and database use over time: OVH keeps no history of either, so the panel keeps one
snapshot a day per plan and per database (``models``), taken by a daily queue job (``jobs``) and
whenever a page already has the numbers (``store``), and shows its trend (``pace``, ``pages``)."""
