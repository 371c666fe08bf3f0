package io.regularity.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.regularity.deploy.Stack;

import static io.regularity.deploy.bench.Load.readers;
import static io.regularity.deploy.bench.Measures.median;
import static io.regularity.deploy.bench.Measures.producerPerformance;
import static io.regularity.deploy.bench.Report.atLeast;
import static io.regularity.deploy.bench.Report.row;

/** This machine's ceilings, measured in the same run: what the benchmark's own figures are a share of. */
final class Ceilings {

    private Ceilings() {
    }

    /** Kafka's own producer and a trivial endpoint on the same machine, in the same run, and our figures as a share of them. */
    static void measure(Stack stack, int repeats, List<Double> batchRates, List<Double> singleRates) throws Exception {
        String timing = stack.timingUrl();
        List<Double> producer = new ArrayList<>();
        for (int run = 0; run <= repeats; run++) {
            double rate = producerPerformance(stack.kafka().bootstrapServers(), run);
            if (run > 0) {
                producer.add(rate); // the first run warms the JIT
            }
        }
        List<Double> trivial = new ArrayList<>();
        for (int run = 0; run < repeats; run++) {
            trivial.add(readers(timing + "/api/time", 50, Duration.ofSeconds(10))[2] * 1.0);
        }
        row("Ceiling: Kafka `ProducerPerformance`, 200-byte records, acks=all, 12 partitions", median(producer), "records/s", "");
        row("Ceiling: a trivial Quarkus endpoint (`GET /api/time`, 50 connections)", median(trivial), "requests/s", "");
        if (!batchRates.isEmpty()) {
            double share = 100 * median(batchRates) / median(producer);
            row("Batch ingest as a share of the Kafka ceiling", share, "%", atLeast(share, 25));
        }
        if (!singleRates.isEmpty()) {
            double share = 100 * median(singleRates) / median(trivial);
            row("Single posts as a share of the trivial endpoint", share, "%", atLeast(share, 30));
        }
    }

}
