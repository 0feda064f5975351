package example;

import com.pulumi.Pulumi;
import com.pulumi.tursogroup.TursogroupFunctions;
import com.pulumi.tursogroup.inputs.GetGroupArgs;

/** Reads the Turso group `default` and exports where it runs. */
public final class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var group = TursogroupFunctions.getGroup(GetGroupArgs.builder().group("default").build());
            ctx.export("primary", group.applyValue(g -> g.primary()));
            ctx.export("locations", group.applyValue(g -> g.locations()));
        });
    }
}
