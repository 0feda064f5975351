"""A Python program of the generated SDK (plugin-sdks/python, installed as a wheel).

test/e2e/plugin-python.test.ts runs it through the Pulumi CLI and the stand-in Python language host
(scripts/langhosts/python) against the emulator. It reads a group with get_group_output and hands
its primary to a component's input, lists the account's groups with get_groups and the locations
with get_locations; with the config key secretOrg it also reads group prod of that organization,
given as a secret.
"""

from typing import Optional

import pulumi
import pulumi_turso_group as turso_group


class Placement(pulumi.ComponentResource):
    """A component placed by a group's primary location: its input is the lookup's result."""

    primary: pulumi.Output[str]

    def __init__(self, name: str, primary: pulumi.Input[str], opts: Optional[pulumi.ResourceOptions] = None) -> None:
        super().__init__("e2e:index:Placement", name, {"primary": primary}, opts)
        self.primary = pulumi.Output.from_input(primary)
        self.register_outputs({"primary": self.primary})


config = pulumi.Config()
group = turso_group.get_group_output(group=config.get("group") or "default")
placement = Placement("placement", primary=group.apply(lambda g: g.primary or ""))
pulumi.export("primary", placement.primary)
pulumi.export("locations", group.apply(lambda g: list(g.locations or [])))

account = turso_group.get_groups()
pulumi.export("groups", [g.name for g in account.groups])
offered = turso_group.get_locations()
pulumi.export("locationCount", len(offered.locations))

secret_org = config.get("secretOrg")
if secret_org:
    prod = turso_group.get_group_output(organization=pulumi.Output.secret(secret_org), group="prod")
    pulumi.export("secretPrimary", prod.primary)
    pulumi.export("secretLocations", prod.locations)
