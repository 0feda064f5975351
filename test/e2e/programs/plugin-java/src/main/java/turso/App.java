// A Java program using the generated SDK's getGroup, run by test/e2e/plugin-java.test.ts through the
// Pulumi CLI and pulumi-language-java (which runs it with `mvn compile exec:java`) against the emulator.
package turso;

import com.pulumi.Pulumi;
import com.pulumi.tursogroup.TursogroupFunctions;
import com.pulumi.tursogroup.inputs.GetGroupArgs;
import com.pulumi.tursogroup.inputs.PlacementExpectationArgs;

public final class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var group = TursogroupFunctions.getGroup(GetGroupArgs.builder()
                .group(ctx.config().get("group").orElse("default"))
                .expect(PlacementExpectationArgs.builder().primaryIn("fra").build())
                .build());
            ctx.export("primary", group.applyValue(g -> g.primary()));
            ctx.export("locations", group.applyValue(g -> g.locations()));
        });
    }
}
