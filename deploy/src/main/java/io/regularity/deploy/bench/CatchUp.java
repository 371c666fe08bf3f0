package io.regularity.deploy.bench;

import java.time.Duration;
import java.util.List;

import io.regularity.deploy.Stack;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;

import static io.regularity.deploy.bench.Load.postBatches;
import static io.regularity.deploy.bench.Report.fmt;
import static io.regularity.deploy.bench.Report.log;

/**
 * A catch-up: passages posted per second, scored per second, where the cores went meanwhile ({@link Cpu}), and the CPU
 * microseconds per passage of classification and of its PostgreSQL connections.
 */
record CatchUp(double posted, double scored, String cpu, double classificationUs, double itsDatabaseUs) {

    /** A new race, {@code passages} posted in batches, then followed until scored. */
    static CatchUp run(Stack stack, DemoRace demo, List<RaceFeed.Crossing> passages, String name) throws Exception {
        String race = demo.publish(stack, name);
        Cpu before = Cpu.now(stack);
        long start = System.nanoTime();
        postBatches(stack.timingUrl(), race, passages, 4, false);
        double posted = passages.size() / ((System.nanoTime() - start) / 1e9);
        stack.awaitScored(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu after = Cpu.now(stack);
        String cpu = fmt(seconds) + " s: " + after.since(before);
        log(name + ": CPU in " + cpu);
        return new CatchUp(posted, passages.size() / seconds, cpu, after.seconds(before, "classification") * 1e6 / passages.size(),
                after.seconds(before, "PostgreSQL classification") * 1e6 / passages.size());
    }

}
