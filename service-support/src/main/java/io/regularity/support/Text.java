package io.regularity.support;

/**
 * What text a request may carry: what PostgreSQL, XML (the workbooks' exports) and a header line can all hold. No
 * control characters (a NUL, an escape, a bell; a tab and line breaks only where text may run over lines), no
 * non-characters (U+FFFE, U+FFFF) and no half of a surrogate pair.
 */
public final class Text {

    private Text() {
    }

    /** Why this text may not be taken, or null when it may; {@code lines}: whether tabs and line breaks are fine. */
    public static Said unfit(String text, boolean lines) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if ((ch < 0x20 || ch == 0x7f) && !(lines && (ch == '\t' || ch == '\n' || ch == '\r'))) {
                return SupportPhrases.CONTROL_CHARACTER.with("%04X".formatted((int) ch));
            }
            if (ch == 0xfffe || ch == 0xffff) {
                return SupportPhrases.NON_CHARACTER.with("%04X".formatted((int) ch));
            }
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return SupportPhrases.HALF_SURROGATE.with();
            }
        }
        return null;
    }
}
