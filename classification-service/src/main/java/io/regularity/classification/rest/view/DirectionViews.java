package io.regularity.classification.rest.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.regularity.classification.domain.Anomaly;
import io.regularity.classification.domain.Anomaly.Handled;
import io.regularity.classification.domain.Anomaly.Severity;
import io.regularity.classification.domain.PassageRecord;
import io.regularity.classification.domain.RulingRecord;
import io.regularity.classification.service.CrewResultsService;
import io.regularity.classification.service.RaceDirectionService.ListedAnomaly;
import io.regularity.support.Lang;

/** What race direction and the public read besides the lists: anomalies, rulings, one trial's classification. */
public final class DirectionViews {

    private DirectionViews() {
    }

    /**
     * An anomaly with a stable id (the same facts, the same id), its severity, whether race direction handled it, and
     * what it says in the reader's language ({@code words}: a passage named by its time and device, never by its id).
     */
    public record AnomalyView(String id, Severity severity, Anomaly.Type type, Integer car, String point, String trial, UUID passageId,
            String detail, Handled handled, Integer lap, String words) {
    }

    /** A page of anomalies, and how many need a decision (ACTION) and how many the system handled (INFO). */
    public record Anomalies(long total, int page, int size, Map<Severity, Long> counts, List<AnomalyView> entries) {
    }

    public static AnomalyView anomaly(ListedAnomaly listed, Map<UUID, PassageRecord> passages, ZoneId zone, Lang lang) {
        Anomaly a = listed.anomaly();
        String words = Words.anomaly(a, a.passageId() == null ? null : passages.get(a.passageId()),
                a.counted() == null ? null : passages.get(a.counted()), zone, lang);
        return new AnomalyView(listed.id(), a.severity(), a.type(), a.car(), a.point(), a.trial(), a.passageId(), a.detail(),
                listed.handled(), a.lap(), words);
    }

    public record Revocation(Instant at, String by, String reason) {
    }

    /** A ruling with who made it, when and why, and its revocation if it was revoked (it then no longer counts). */
    public record RulingView(long id, String type, int car, String trial, Integer points, String reason, String by, Instant at,
            Revocation revoked) {
    }

    public static RulingView ruling(RulingRecord r) {
        return new RulingView(r.ruling().id(), r.ruling().type().name(), r.ruling().car(), r.ruling().trial(), r.ruling().points(),
                r.ruling().reason(), r.ruling().by(), r.ruling().at(),
                r.revokedAt() == null ? null : new Revocation(r.revokedAt(), r.revokedBy(), r.revokeReason()));
    }

    public record TrialEntry(@Schema(nullable = true, description = "null for a crew not measured in the trial") Integer rank, int car,
            String crew, String state, @Schema(nullable = true) Integer penalty, @Schema(nullable = true) BigDecimal points) {
    }

    public record TrialResults(String trial, String type, int leg, List<TrialEntry> entries) {
    }

    public static TrialResults trial(CrewResultsService.TrialResults results) {
        return new TrialResults(results.trial().trial().id(), results.trial().trial().type().name(), results.trial().leg().number(),
                results.entries().stream().map(p -> new TrialEntry(p.rank(), p.entry().car(), results.crewNames().get(p.entry().car()),
                        p.entry().state(), p.entry().penalty(), p.entry().points())).toList());
    }
}
