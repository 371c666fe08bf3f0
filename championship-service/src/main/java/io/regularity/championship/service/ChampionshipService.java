package io.regularity.championship.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.ChampionshipBundle;
import io.regularity.championship.domain.ChampionshipDigest;
import io.regularity.championship.domain.ChampionshipPhrases;
import io.regularity.championship.domain.ChampionshipValidator;
import io.regularity.championship.domain.Identities;
import io.regularity.championship.domain.ListSpec;
import io.regularity.championship.domain.RoundResult;
import io.regularity.championship.domain.Standings;
import io.regularity.championship.events.ChampionshipDefined;
import io.regularity.championship.persistence.ChampionshipStore;
import io.regularity.championship.persistence.ChampionshipStore.Saved;
import io.regularity.championship.persistence.RoundStore;
import io.regularity.support.FieldError;
import io.regularity.support.Refusal;
import io.regularity.support.outbox.Outbox;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The championships: their definitions, checked and versioned, and their lists from the rounds' results. */
@ApplicationScoped
public class ChampionshipService {

    /** A championship's people, with the revision of the definition whose decisions they carry. */
    public record People(Saved championship, List<Identities.Known> people) {
    }

    /** A list of a championship, with what it follows from: the definition's revision, the rounds counted, the digest. */
    public record Table(Saved championship, Standings.Table table, Map<String, RoundResult> rounds, boolean provisional, String digest) {
    }

    private final ChampionshipStore championships;
    private final RoundStore rounds;
    private final DataSource ds;
    private final Outbox outbox;

    public ChampionshipService(ChampionshipStore championships, RoundStore rounds, DataSource ds, Outbox outbox) {
        this.championships = championships;
        this.rounds = rounds;
        this.ds = ds;
        this.outbox = outbox;
    }

    /**
     * Saves a definition as the championship's next revision, or refuses it naming every faulty field (nothing
     * stored); a round must name a race of the system (one whose results arrived). The revision goes to the
     * championships topic in the same transaction (the outbox): a database lost is rebuilt from Kafka.
     */
    @Transactional
    public Saved define(String id, Championship definition, String by) {
        if (definition == null) {
            throw Refusal.invalid("", ChampionshipPhrases.DEFINITION_REQUIRED);
        }
        List<FieldError> errors = ChampionshipValidator.check(definition, id, rounds::known);
        if (!errors.isEmpty()) {
            throw Refusal.problems(ChampionshipPhrases.THE_CHAMPIONSHIP, errors);
        }
        lock(id);
        Championship kept = definition;
        if (definition.identities() == null) { // a definition saved without them keeps race direction's word on people
            kept = championships.latest(id).map(s -> s.championship().identities()).filter(m -> m != null && !m.isEmpty())
                    .map(m -> withIdentities(definition, m)).orElse(definition);
        }
        return save(id, kept, by);
    }

    private Saved save(String id, Championship definition, String by) {
        Saved saved = championships.save(definition, by);
        outbox.enqueue(ChampionshipDefined.of(id, saved.revision(), saved.savedAt(), by, definition));
        return saved;
    }

    /** One change of a championship at a time: a save, a decision on a person. */
    private void lock(String id) {
        Jdbc.query(ds, "select pg_advisory_xact_lock(hashtext(?))", (c, s) -> s.setString(1, "championship:" + id), rs -> 0);
    }

    private static Championship withIdentities(Championship c, Map<String, Championship.Decision> identities) {
        return new Championship(c.id(), c.name(), c.season(), c.rounds(), c.lists(), c.scores(), c.pointsTable(), c.teamPointsTable(), c.countBest(),
                c.minRounds(), c.minValidShare(), c.teamCars(), c.teamDistinctCategories(), identities);
    }

    public Optional<Saved> find(String id) {
        return championships.latest(id);
    }

    public List<Saved> all() {
        return championships.all();
    }

    /**
     * A list of a championship: by its rounds' final results, or with the provisional ones too ({@code provisional}:
     * marked so). A list the championship does not keep is refused.
     */
    public Table standings(String id, ListSpec list, boolean provisional) {
        Saved saved = championships.latest(id).orElseThrow(() -> Refusal.notFound(ChampionshipPhrases.NO_CHAMPIONSHIP, id));
        Championship c = saved.championship().withDefaults();
        if (!list.equals(ListSpec.OVERALL) && !c.lists().contains(list)) {
            throw Refusal.invalid("list", ChampionshipPhrases.LIST_NOT_KEPT, c.lists().stream().map(ChampionshipService::name)
                    .collect(Collectors.joining(", ")));
        }
        Map<String, RoundResult> counted = new LinkedHashMap<>(arrived(c));
        counted.values().removeIf(r -> !r.isFinal() && !provisional);
        return new Table(saved, Standings.of(c, list, counted), counted, provisional,
                ChampionshipDigest.of(id, saved.revision(), c, counted));
    }

    /** The championship's bundle: its definition as saved and the rounds' results it holds, for an offline verifier. */
    public ChampionshipBundle export(String id) {
        Saved saved = championships.latest(id).orElseThrow(() -> Refusal.notFound(ChampionshipPhrases.NO_CHAMPIONSHIP, id));
        return ChampionshipBundle.of(saved.championship(), saved.revision(), saved.savedAt(), saved.savedBy(),
                arrived(saved.championship().withDefaults()), java.time.Instant.now());
    }

    /** The people of a championship and how each is known across its rounds (all that arrived, provisional too). */
    public People identities(String id) {
        Saved saved = championships.latest(id).orElseThrow(() -> Refusal.notFound(ChampionshipPhrases.NO_CHAMPIONSHIP, id));
        return new People(saved, Identities.of(saved.championship(), arrived(saved.championship().withDefaults())));
    }

    /** Race direction's word on a person matched by name: a new revision of the definition, which the lists follow. */
    @Transactional
    public People decide(String id, String person, Championship.Decision decision, String by) {
        if (decision == null) {
            throw Refusal.invalid("decision", ChampionshipPhrases.DECISION_VALUES);
        }
        lock(id); // before reading: a save or a decision meanwhile is not overwritten
        Saved saved = championships.latest(id).orElseThrow(() -> Refusal.notFound(ChampionshipPhrases.NO_CHAMPIONSHIP, id));
        boolean matched = Identities.of(saved.championship(), arrived(saved.championship().withDefaults())).stream()
                .anyMatch(k -> k.key().equals(person) && !k.byLicence());
        if (!matched) {
            throw Refusal.invalid("person", ChampionshipPhrases.PERSON_NOT_MATCHED_BY_NAME, person);
        }
        save(id, saved.championship().deciding(person, decision), by);
        return identities(id);
    }

    /** The results of the championship's rounds that arrived, provisional ones too, in round order. */
    private Map<String, RoundResult> arrived(Championship c) {
        Map<String, RoundResult> all = new LinkedHashMap<>();
        rounds.results(c.rounds().stream().map(Championship.Round::race).toList()).forEach((race, r) -> all.put(race, r.round()));
        return all;
    }

    /** A list as a request names it: {@code list=overall}, {@code list=category&category=A}. */
    static String name(ListSpec list) {
        return "list=" + list.kind().json() + (list.category() != null ? "&category=" + list.category() : "")
                + (list.trophy() != null ? "&trophy=" + list.trophy() : "");
    }
}
