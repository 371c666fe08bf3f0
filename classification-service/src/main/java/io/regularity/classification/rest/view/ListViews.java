package io.regularity.classification.rest.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.regularity.classification.domain.Crew;
import io.regularity.classification.domain.ListSpec.Kind;
import io.regularity.classification.domain.Lists;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.domain.Ranking.Placed;
import io.regularity.classification.service.StandingsService.RankedList;

/** The standings lists as the API gives them: a page of a ranked list of crews, or of teams, with what it follows from. */
public final class ListViews {

    private ListViews() {
    }

    /** What a list (of crews or of teams) follows from: the route revision and the digest of the facts. */
    public interface Provenance {
        long revision();

        String digest();
    }

    /** One crew on a list; {@code rank} is null for retired and excluded crews. */
    public record Entry(@Schema(nullable = true, description = "null for a retired or excluded crew") Integer rank, int car, String crew, String carModel, Integer carYear, BigDecimal coefficient,
            BigDecimal score, int trialsScored, BigDecimal gapToLeader, BigDecimal gapToPrevious, String state) {
    }

    /**
     * {@code posted}: who posted the list on the notice board as provisional, when, and until when crews may protest; null
     * when it is not posted. {@code published}: who published the list as final and when; null while PROVISIONAL. {@code revision} and
     * {@code digest}: the route revision and the digest of the facts it was computed from ({@code ResultsDigest}).
     * {@code asOf} and {@code afterTrial}: the moment and the last trial of a replayed list, null for the live one.
     */
    public record Standings(String raceId,
            @Schema(required = true, enumeration = { "overall", "leg", "ladies", "category", "trophy" }, description = "which list of crews")
            String list,
            Integer leg, Boolean cumulative, String category, String trophy,
            String model, String asOfTrial, String status, RaceDefinition.Post posted, RaceDefinition.Stamp published, long revision,
            String digest, Instant asOf, String afterTrial, Instant generatedAt, long total, int page, int size, List<Entry> entries)
            implements Provenance {
    }

    /** A team: the sum of its best three running crews; teams with fewer than three come after, unranked. */
    public record TeamEntry(@Schema(nullable = true, description = "null for a team of fewer than three running crews") Integer rank,
            String team, BigDecimal score, List<Integer> cars, BigDecimal gapToLeader,
            BigDecimal gapToPrevious) {
    }

    public record TeamStandings(String raceId, @Schema(required = true, enumeration = { "teams" },
            description = "the list of teams") String list,
            String model, String asOfTrial, String status, RaceDefinition.Post posted,
            RaceDefinition.Stamp published, long revision, String digest, Instant asOf, String afterTrial, Instant generatedAt,
            long total, int page, int size, List<TeamEntry> entries) implements Provenance {
    }

    /** A page of a list: {@link Standings} for crews, {@link TeamStandings} for the teams. */
    public static Provenance page(RankedList list, int page, int size) {
        RaceDefinition race = list.race();
        RaceDefinition.Stamp published = race.publicationOf(list.spec());
        String status = published != null ? "FINAL" : "PROVISIONAL"; // FINAL once race direction published it, until any change
        RaceDefinition.Post posted = race.postingOf(list.spec());
        if (list.spec().kind() == Kind.TEAMS) {
            return new TeamStandings(race.id(), "teams", race.model(), list.asOfTrial(), status, posted, published, race.revision(),
                    list.digest(), list.replay().asOf(), list.replay().afterTrial(), list.generatedAt(), list.teams().size(), page, size,
                    cut(list.teams(), page, size).stream().map(ListViews::team).toList());
        }
        return new Standings(race.id(), list.spec().name(), list.spec().leg(), list.spec().kind() == Kind.LEG ? list.spec().cumulative() : null,
                list.spec().category(), list.spec().trophy(), race.model(), list.asOfTrial(), status, posted, published,
                race.revision(), list.digest(), list.replay().asOf(), list.replay().afterTrial(), list.generatedAt(), list.crews().size(), page, size,
                cut(list.crews(), page, size).stream().map(ListViews::entry).toList());
    }

    public static Entry entry(Placed<Lists.Row> placed) {
        Lists.Row r = placed.entry();
        Crew c = r.crew();
        return new Entry(placed.rank(), c.car(), c.crewName(), c.carModel(), c.carYear(), c.coefficient(), r.score(), r.trialsScored(),
                placed.gapToLeader(), placed.gapToPrevious(), r.state());
    }

    private static TeamEntry team(Placed<Lists.Team> p) {
        return new TeamEntry(p.rank(), p.entry().team(), p.entry().score(), p.entry().cars(), p.gapToLeader(), p.gapToPrevious());
    }

    private static <T> List<T> cut(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        return all.subList(from, (int) Math.min((long) from + size, all.size()));
    }
}
