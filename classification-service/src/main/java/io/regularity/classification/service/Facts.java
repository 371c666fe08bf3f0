package io.regularity.classification.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.RaceFacts;
import io.regularity.classification.persistence.CrewStore;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.RulingStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A race's facts as they stood at a moment, gathered from the stores: what a replay, a crew's breakdown and the results
 * bundle are computed from.
 */
@ApplicationScoped
public class Facts {

    private final RaceStore races;
    private final CrewStore crews;
    private final PassageStore passages;
    private final RulingStore rulings;

    public Facts(RaceStore races, CrewStore crews, PassageStore passages, RulingStore rulings) {
        this.races = races;
        this.crews = crews;
        this.passages = passages;
        this.rulings = rulings;
    }

    /**
     * A race's facts as they stood at {@code asOf} (null: now), for some cars (null: every crew): passages received
     * by then, voids made and not yet undone by then, rulings made and not yet revoked by then, with the definition
     * in force. The entry list is today's (crews have no history). Empty for a race this service does not know.
     */
    public Optional<RaceFacts> at(String raceId, Instant asOf, Collection<Integer> cars) {
        Optional<RaceDefinition> race = asOf == null ? races.race(raceId) : races.raceAsOf(raceId, asOf);
        if (race.isEmpty()) {
            return Optional.empty();
        }
        List<Crew> entered = cars == null ? crews.crews(raceId) : crews.crews(raceId, cars);
        List<Integer> enteredCars = entered.stream().map(Crew::car).toList();
        return Optional.of(new RaceFacts(race.get(), entered, passages.passagesAsOf(raceId, asOf, enteredCars),
                rulings.rulingsAsOf(raceId, asOf, enteredCars)));
    }
}
