package io.regularity.classification.rest.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.nayuki.qrcodegen.QrCode;
import io.regularity.support.Lang;

/**
 * One paper being drawn with PDFBox: A4 pages, each headed the same ({@link Head}) and footed with the digest, the address
 * that verifies it, its QR code and "Page n of N"; tables whose header row is drawn again on every page, cells wrapped to
 * their column. The standard Helvetica with WinAnsi encoding covers Italian (and most Western) accents; a character outside
 * it is drawn as its base letter (Ş as S), or as "?", never refused ({@link #printable}).
 */
final class PdfPaper implements AutoCloseable {

    static final PDRectangle A4 = PDRectangle.A4;
    static final float MARGIN = 40;
    static final float FOOTER = 78;
    static final float QR_SIDE = 66;

    /** The lines every page starts with. {@code lines}: each a text and whether it is bold, after the title. */
    record Head(String title, List<Line> lines) {
    }

    record Line(String text, boolean bold, float size) {
    }

    /** What every page's footer says: the digest, the address that verifies the paper (also as a QR code), and a note. */
    record Foot(String digest, String verifyUrl, String note) {
    }

    /** A table column: its header, its share of the width (points), and whether its text sits right (numbers). */
    record Column(String header, float width, boolean right) {
    }

    private static final Map<Integer, String> PRINTABLE = new ConcurrentHashMap<>();

    private final PDDocument doc = new PDDocument();
    private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Lang lang;
    private Head head;
    private final Foot foot;
    private PDPageContentStream content;
    private float y;

    PdfPaper(Lang lang, String title, Head head, Foot foot) {
        this.lang = lang;
        this.head = head;
        this.foot = foot;
        doc.getDocumentInformation().setTitle(title);
        doc.getDocumentInformation().setCreator("regularity classification-service");
    }

    /** The head of the pages from the next one on (the certificates: one crew a page). */
    void head(Head next) {
        this.head = next;
    }

    /** Starts a new page with the head. */
    void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(A4);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = A4.getHeight() - MARGIN;
            text(fit(head.title(), bold, 15, width()), bold, 15, MARGIN, y - 15);
            y -= 21;
            for (Line line : head.lines()) {
                for (String wrapped : wrap(line.text(), line.bold() ? bold : regular, line.size(), width())) {
                    text(wrapped, line.bold() ? bold : regular, line.size(), MARGIN, y - line.size());
                    y -= line.size() + 3;
                }
            }
            y -= 4;
            rule(y);
            y -= 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width() {
        return A4.getWidth() - 2 * MARGIN;
    }

    private float bottom() {
        return MARGIN + FOOTER;
    }

    /** A paragraph, wrapped, on a new page when it does not fit. */
    void paragraph(String text, boolean strong, float size) {
        PDFont font = strong ? bold : regular;
        List<String> lines = wrap(text, font, size, width());
        for (String line : lines) {
            if (y - size - 3 < bottom()) {
                newPage();
            }
            text(line, font, size, MARGIN, y - size);
            y -= size + 4;
        }
    }

    void space(float points) {
        y -= points;
    }

    /** Whether {@code points} of height still fit on this page. */
    boolean fits(float points) {
        return y - points >= bottom();
    }

    /** A table: its header on top of it and again on every page it runs onto; rows in bold when asked ({@code strong}). */
    void table(List<Column> columns, List<List<String>> rows) {
        float size = 8.5f;
        float scale = width() / (float) columns.stream().mapToDouble(Column::width).sum();
        header(columns, scale, size);
        boolean shade = false;
        for (List<String> row : rows) {
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < columns.size(); i++) {
                List<String> wrapped = wrap(i < row.size() ? row.get(i) : "", regular, size, columns.get(i).width() * scale - 4);
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float height = lines * (size + 2) + 3;
            if (y - height < bottom()) {
                newPage();
                header(columns, scale, size);
                shade = false;
            }
            if (shade) {
                fillRect(MARGIN, y - height, width(), height, 0.94f);
            }
            shade = !shade;
            float x = MARGIN;
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                float w = column.width() * scale;
                float lineY = y - size - 1;
                for (String line : cells.get(i)) {
                    float tx = column.right() ? x + w - 2 - textWidth(line, regular, size) : x + 2;
                    text(line, regular, size, tx, lineY);
                    lineY -= size + 2;
                }
                x += w;
            }
            y -= height;
        }
        rule(y);
        y -= 8;
    }

    private void header(List<Column> columns, float scale, float size) {
        float height = size + 6;
        fillRect(MARGIN, y - height, width(), height, 0.82f);
        float x = MARGIN;
        for (Column column : columns) {
            float w = column.width() * scale;
            String label = fit(column.header(), bold, size, w - 4);
            float tx = column.right() ? x + w - 2 - textWidth(label, bold, size) : x + 2;
            text(label, bold, size, tx, y - size - 1);
            x += w;
        }
        y -= height;
    }

    /** Two signature lines side by side, each with its role and name under it (the officials who sign the paper). */
    void signatures(List<String[]> roleAndName) {
        if (roleAndName.isEmpty()) {
            return;
        }
        if (!fits(60)) {
            newPage();
        }
        y -= 30;
        float w = width() / roleAndName.size();
        for (int i = 0; i < roleAndName.size(); i++) {
            float x = MARGIN + i * w;
            line(x + 10, y, x + w - 20, y);
            text(roleAndName.get(i)[0], regular, 8, x + 10, y - 10);
            text(roleAndName.get(i)[1], bold, 9, x + 10, y - 21);
        }
        y -= 30;
    }

    /** The paper's bytes: every page footed ("Page n of N", the digest, the address and its QR code), saved. */
    byte[] finish() {
        try {
            if (content == null) {
                newPage();
            }
            content.close();
            content = null;
            int pages = doc.getNumberOfPages();
            QrCode qr = foot.verifyUrl() == null ? null : QrCode.encodeText(foot.verifyUrl(), QrCode.Ecc.MEDIUM);
            for (int n = 0; n < pages; n++) {
                PDPage page = doc.getPage(n);
                try (PDPageContentStream footer = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content = footer;
                    drawFoot(footer, qr, n + 1, pages);
                } finally {
                    content = null;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drawFoot(PDPageContentStream footer, QrCode qr, int page, int pages) throws IOException {
        float top = MARGIN + FOOTER - 8;
        rule(top);
        float textWidth = width() - QR_SIDE - 12;
        float lineY = top - 11;
        List<String> lines = new ArrayList<>();
        if (foot.digest() != null) {
            lines.addAll(wrap(PaperWords.DIGEST.with(foot.digest()).in(lang), regular, 7, textWidth));
        }
        if (foot.verifyUrl() != null) {
            lines.addAll(wrap(PaperWords.VERIFY.with(foot.verifyUrl()).in(lang), regular, 7, textWidth));
        }
        if (foot.note() != null) {
            lines.addAll(wrap(foot.note(), regular, 7, textWidth));
        }
        for (String line : lines) {
            text(line, regular, 7, MARGIN, lineY);
            lineY -= 9;
        }
        String number = PaperWords.PAGE.with(page, pages).in(lang);
        text(number, bold, 8, MARGIN, MARGIN);
        if (qr != null) {
            float module = QR_SIDE / (qr.size + 8); // a quiet zone of four modules on each side, inside the square
            float x0 = A4.getWidth() - MARGIN - QR_SIDE;
            float yTop = MARGIN + QR_SIDE - 4;
            footer.setNonStrokingColor(1f);
            footer.addRect(x0, yTop - QR_SIDE, QR_SIDE, QR_SIDE);
            footer.fill();
            footer.setNonStrokingColor(0f);
            for (int qy = 0; qy < qr.size; qy++) {
                for (int qx = 0; qx < qr.size; qx++) {
                    if (qr.getModule(qx, qy)) {
                        footer.addRect(x0 + (qx + 4) * module, yTop - (qy + 5) * module, module, module);
                    }
                }
            }
            footer.fill();
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- drawing

    private void text(String text, PDFont font, float size, float x, float baseline) {
        if (text.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(printable(text));
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rule(float at) {
        line(MARGIN, at, A4.getWidth() - MARGIN, at);
    }

    private void line(float x1, float y1, float x2, float y2) {
        try {
            content.setLineWidth(0.5f);
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fillRect(float x, float yBottom, float w, float h, float grey) {
        try {
            content.setNonStrokingColor(grey);
            content.addRect(x, yBottom, w, h);
            content.fill();
            content.setNonStrokingColor(0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float textWidth(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(printable(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text wrapped at spaces to the width (a word longer than the width is cut); at least one line. */
    static List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(text == null ? "" : text).split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String tried = line.length() == 0 ? word : line + " " + word;
                if (textWidth(tried, font, size) <= width) {
                    line.setLength(0);
                    line.append(tried);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                String rest = word;
                while (textWidth(rest, font, size) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && textWidth(rest.substring(0, cut), font, size) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text cut with "…" to the width. */
    static String fit(String text, PDFont font, float size, float width) {
        String shown = printable(text);
        if (textWidth(shown, font, size) <= width) {
            return shown;
        }
        while (shown.length() > 1 && textWidth(shown + "…", font, size) > width) {
            shown = shown.substring(0, shown.length() - 1);
        }
        return shown + "…";
    }

    /**
     * The text as the standard fonts can draw it (WinAnsi): each character they lack becomes its letter without its marks
     * (Ş → S, ő → o), a few letters their nearest (Ł → L, ı → i), any other "?"; control characters become spaces (new
     * lines stay, for {@link #wrap}).
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.append(cp == '\n' ? "\n" : PRINTABLE.computeIfAbsent(cp, PdfPaper::printableChar)));
        return out.toString();
    }

    private static final PDFont PROBE = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private static String printableChar(int cp) {
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return " ";
        }
        String ch = new String(Character.toChars(cp));
        if (encodable(ch)) {
            return ch;
        }
        String near = switch (ch) {
            case "Ł" -> "L";
            case "ł" -> "l";
            case "Đ" -> "D";
            case "đ" -> "d";
            case "ı" -> "i";
            case "Ø" -> "O";
            case "ø" -> "o";
            default -> Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        };
        return !near.isEmpty() && encodable(near) ? near : "?";
    }

    private static boolean encodable(String text) {
        try {
            PROBE.encode(text);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
