package io.regularity.classification.service;

import java.util.List;
import java.util.Optional;

import io.regularity.classification.domain.CheckRegister;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.events.RaceResults;
import io.regularity.classification.persistence.PassageStore;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.persistence.RulingStore;
import io.regularity.classification.service.StandingsService.RankedList;
import io.regularity.classification.service.StandingsService.Replay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What the papers are drawn from, read the ways the JSON reads it: the certificates from the race's results as
 * race-results carries them (every crew's position in each of its lists, {@link RaceResults#body}) beside the overall
 * list; the register of checks from race direction's rulings and voids ({@link CheckRegister}). Nothing is scored here.
 */
@ApplicationScoped
public class PapersService {

    private final RaceStore races;
    private final RulingStore rulings;
    private final PassageStore passages;
    private final StandingsService standings;
    private final ResultsPublisher results;

    public PapersService(RaceStore races, RulingStore rulings, PassageStore passages, StandingsService standings, ResultsPublisher results) {
        this.races = races;
        this.rulings = rulings;
        this.passages = passages;
        this.standings = standings;
        this.results = results;
    }

    /** The register of checks of a race, with the race; empty for a race classification does not know. */
    public record Register(RaceDefinition race, List<CheckRegister.Row> rows) {
    }

    @Transactional
    public Optional<Register> register(String raceId) {
        return races.race(raceId).map(race -> new Register(race, CheckRegister.of(race, rulings.allRulings(raceId), passages.voids(raceId))));
    }

    /**
     * The certificates' facts: the overall list as it stands (score, state, digest, publication) and the race's results
     * (each crew's positions in every list). {@code car} non-null: only that crew, {@link NotFound} when it is not entered.
     */
    public record Certificates(RankedList overall, RaceResults.Body results, List<RaceResults.Crew> crews) {
    }

    public Optional<Certificates> certificates(String raceId, Integer car) {
        Optional<RankedList> overall = standings.list(raceId, RaceResults.OVERALL, Replay.LIVE);
        if (overall.isEmpty()) {
            return Optional.empty();
        }
        RaceResults.Body body = results.results(raceId).orElseThrow(); // the race exists: its results do
        List<RaceResults.Crew> crews = car == null ? body.crews() : body.crews().stream().filter(c -> c.car() == car).toList();
        if (car != null && crews.isEmpty()) {
            throw new NotFound(ClassificationPhrases.CAR_NOT_ENTERED, car, raceId);
        }
        return Optional.of(new Certificates(overall.get(), body, crews));
    }
}
