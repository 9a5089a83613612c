"""The test accounts' passwords and the demo account's service names."""

# Every password the tests use; the secrets check greps the database and logs for them.
TEST_PASSWORDS = {
    "admin": "Orchard-Lantern-Velvet-71",
    "staff": "Pebble-Harbour-Quartz-38",
    "other": "Meadow-Compass-Tundra-52",
}
GRANTED_SERVICE = "example.cluster01.hosting.ovh.net"
OTHER_SERVICE = "example2.cluster02.hosting.ovh.net"
