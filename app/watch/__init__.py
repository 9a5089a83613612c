"""The daily watch: what needs attention on each hosting plan, found once a day (or on demand) by
a queue job, kept for the "Needs attention" panel, and sent to each person as one digest."""
