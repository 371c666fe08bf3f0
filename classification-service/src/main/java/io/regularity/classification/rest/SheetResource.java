package io.regularity.classification.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.support.Refusal;
import io.regularity.support.csv.Unreadable;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A spreadsheet as the imports read it, row by row, for the office to show what it read before anything is saved: the
 * same reader as the route and the entry-list imports, so row numbers are the ones their problems name (the first row
 * is row 1).
 */
@Tag(name = "Office", description = "What race direction's office needs besides the race's own resources")
@Path("/api/sheets")
@Produces(MediaType.APPLICATION_JSON)
public class SheetResource {

    /** Every row of the sheet, each a list of its cells as text (empty for an empty cell). */
    public record Rows(List<List<String>> rows) {
    }

    @Operation(operationId = "readSheet", summary = "A spreadsheet's rows as the imports read them",
            description = "CSV (`text/csv`: `,` or `;`, a byte-order mark, as Excel writes it) or an Excel workbook; answers its "
                    + "rows as text, numbered from 1 by their place in the list, so the office can show each import problem "
                    + "next to its row.")
    @POST
    @RolesAllowed("race-direction")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    public Rows csv(@RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")) }) String body) {
        if (body != null && body.indexOf('\uFFFD') >= 0) {
            throw Refusal.invalid("", ClassificationPhrases.FILE_NOT_UTF8);
        }
        try {
            return new Rows(Csv.records(body == null ? "" : body));
        } catch (Unreadable e) {
            throw Refusal.invalid("", e.said);
        }
    }

    /** An Excel workbook's first sheet: the same operation as readSheet in the document. */
    @Operation(hidden = true)
    @POST
    @RolesAllowed("race-direction")
    @Consumes(Xlsx.MEDIA_TYPE)
    public Rows workbook(byte[] body) {
        try {
            return new Rows(Xlsx.read(body == null ? new byte[0] : body).rows());
        } catch (Unreadable e) {
            throw Refusal.invalid("", e.said);
        }
    }
}
