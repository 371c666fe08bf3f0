package io.regularity.championship.service;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which championships changed, as this instance learns it (a definition saved here or read back, a round's results
 * arrived): what the standings streams follow.
 */
@ApplicationScoped
public class ChampionshipEvents {

    private final BroadcastProcessor<String> changed = BroadcastProcessor.create();

    /** These championships' lists may have changed. */
    public void changed(List<String> championships) {
        championships.forEach(changed::onNext);
    }

    /** The ids of the championships that changed, from now on. */
    public Multi<String> changes() {
        return changed;
    }
}
