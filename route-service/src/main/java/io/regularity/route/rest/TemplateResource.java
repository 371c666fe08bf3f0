package io.regularity.route.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.regularity.route.domain.Race;
import io.regularity.route.domain.RaceSheet;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;
import io.regularity.support.csv.Xlsx;
import io.regularity.support.rest.Attachment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The route spreadsheet to start a race from (docs/guide.md): the 1000 Miglia 2023 of the demo, its five legs, towns,
 * timing points and trials, its race row filled with the new race's id, name, year and time zone when they are given.
 */
@Path("/api/templates/race")
@Tag(name = "Races")
public class TemplateResource {

    static final String TEMPLATE = "templates/race.csv";

    /** The template with the race row the organiser asked for. */
    public static Race template(String id, String name, Integer year, String timeZone) {
        String text;
        try (InputStream in = TemplateResource.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the service");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RaceSheet.Read read = RaceSheet.read("template", Sheet.of(Csv.records(text)));
        if (!read.errors().isEmpty()) {
            throw new IllegalStateException(TEMPLATE + " does not read: " + read.errors());
        }
        Race t = read.race();
        return new Race(blank(id) ? null : id.trim(), blank(name) ? t.name() : name.trim(), year == null ? t.year() : year,
                blank(timeZone) ? t.timeZone() : timeZone.trim(), t.protestMinutes(), t.officials(), t.scoring(), t.legs(), t.trophies(), null,
                null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Operation(operationId = "raceTemplate", summary = "The route spreadsheet to start a race from",
            description = "The 1000 Miglia 2023 of the demo as the route spreadsheet (docs/guide.md), as CSV (`Accept: text/csv`) "
                    + "or an Excel workbook; `id`, `name`, `year` and `timeZone`, when given, fill its race row.")
    @APIResponse(responseCode = "200", description = "The template", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    @Produces("text/csv")
    public Response csv(@QueryParam("id") String id, @QueryParam("name") String name, @QueryParam("year") Integer year,
            @QueryParam("timeZone") String timeZone) {
        Race race = template(id, name, year, timeZone);
        return Response.ok(RaceSheet.csv(race), "text/csv; charset=UTF-8")
                .header("Content-Disposition", Attachment.disposition(file(race) + ".csv")).build();
    }

    /** The template as an Excel workbook: the same operation as raceTemplate in the document. */
    @Operation(hidden = true)
    @GET
    @Produces(Xlsx.MEDIA_TYPE)
    public Response workbook(@QueryParam("id") String id, @QueryParam("name") String name, @QueryParam("year") Integer year,
            @QueryParam("timeZone") String timeZone) {
        Race race = template(id, name, year, timeZone);
        return Response.ok(Xlsx.write("Route", RaceSheet.rows(race)), Xlsx.MEDIA_TYPE)
                .header("Content-Disposition", Attachment.disposition(file(race) + ".xlsx")).build();
    }

    private static String file(Race race) {
        return (race.id() == null ? "race" : race.id().replaceAll("[^A-Za-z0-9._-]", "")) + "-route";
    }
}
