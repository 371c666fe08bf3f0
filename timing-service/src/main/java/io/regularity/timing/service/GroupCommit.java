package io.regularity.timing.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.regularity.support.tracing.TraceParent;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.timing.service.PassageService.ItemResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Single passages posted at the same moment by many timing posts are written together: one writer
 * takes whatever has queued up (at most a thousand) and records it in one transaction per race, the
 * way a batch is. Each post is answered only after that transaction has committed, so a 201 still
 * means stored; what the posts save is a commit, a round trip and a lock each. Each passage keeps the trace of
 * the post that sent it (its event goes out in that trace), though they are written together.
 */
@ApplicationScoped
public class GroupCommit {

    static final int MAX_GROUP = 1000;

    private record Pending(String raceId, Parsed passage, TraceParent trace, CompletableFuture<ItemResult> answer) {
    }

    private final PassageService service;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;

    public GroupCommit(PassageService service) {
        this.service = service;
    }

    /** Records one valid passage with whatever else is queued; waits for the commit. */
    public ItemResult record(String raceId, Parsed passage) {
        CompletableFuture<ItemResult> answer = new CompletableFuture<>();
        queue.add(new Pending(raceId, passage, TraceParent.current(), answer));
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a passage", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the passage was not stored within 60 s", e);
        }
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        Thread writer = new Thread(this::writeLoop, "passage-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
    }

    /** Runs until shutdown, and then until the posts already queued are written and answered. */
    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, List<Pending>> byRace = new LinkedHashMap<>();
            group.forEach(p -> byRace.computeIfAbsent(p.raceId(), k -> new ArrayList<>()).add(p));
            byRace.forEach(this::write);
        }
    }

    /** Writes one race's group; whatever goes wrong, every post of it is answered and the writer goes on. */
    private void write(String raceId, List<Pending> pending) {
        try {
            List<ItemResult> results = service.record(raceId, pending.stream().map(Pending::passage).toList(),
                    pending.stream().map(Pending::trace).toList());
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).answer().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (!(e instanceof PassageService.UnknownRaceException)) {
                Log.debugf("a group of %d passages was not stored: %s", pending.size(), e.getMessage());
            }
            pending.forEach(p -> p.answer().completeExceptionally(e));
        } catch (Throwable e) { // an Error (out of memory, a linkage error) must not end the writer with posts waiting
            Log.errorf(e, "a group of %d passages was not stored", pending.size());
            pending.forEach(p -> p.answer().completeExceptionally(new IllegalStateException("the passage was not stored", e)));
        }
    }
}
