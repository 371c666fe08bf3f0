package io.regularity.deploy;

import java.nio.file.Path;

/** One whole system (PostgreSQL, Kafka, the three packaged services) for every end-to-end test class of the run. */
final class SharedStack {

    private static Stack stack;

    private SharedStack() {
    }

    static synchronized Stack get() throws Exception {
        if (stack == null) {
            stack = Stack.start(root(), root().resolve("deploy/target/e2e"), Stack.Ports.free(), false,
                    root().resolve("deploy/target/e2e/tokens"));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }

    static Path root() {
        return Path.of(System.getProperty("regularity.root", "..")).toAbsolutePath().normalize();
    }
}
