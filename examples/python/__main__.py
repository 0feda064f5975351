"""Reads a Turso group through the turso-group provider plugin, with its typed Python SDK.

The group is the stack's config key `group` (default: `default`, the emulator's demo group); the
organization and the token come from `turso-group:*` stack config or the TURSO_* variables.
"""

import pulumi
import pulumi_turso_group as turso_group

config = pulumi.Config()
group = turso_group.get_group_output(group=config.get("group") or "default")

primary: pulumi.Output[str] = group.apply(lambda g: g.primary or "")
locations: pulumi.Output[list[str]] = group.apply(lambda g: list(g.locations or []))
pulumi.export("primary", primary)
pulumi.export("locations", locations)
