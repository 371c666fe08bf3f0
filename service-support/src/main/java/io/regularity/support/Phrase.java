package io.regularity.support;

/**
 * A sentence a service says to a person, in English and Italian: one constant of a service's catalog (an enum), its
 * name the code, its texts with numbered places ({@code {0}}, {@code {1}}) for the values. A refusal and each of its
 * field errors are made of phrases, so a problem is answered in the reader's language; each catalog is checked by a
 * test (every code has its Italian words, with the same places).
 */
public interface Phrase {

    /** The code: the enum constant's name. */
    String name();

    String english();

    String italian();

    default String text(Lang lang) {
        return lang == Lang.IT ? italian() : english();
    }

    /** This phrase with its values: a value that is itself a phrase or a {@link Said} is said in the same language. */
    default Said with(Object... values) {
        return new Said(this, values);
    }
}
