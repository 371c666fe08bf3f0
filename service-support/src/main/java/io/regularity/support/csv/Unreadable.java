package io.regularity.support.csv;

import io.regularity.support.Lang;
import io.regularity.support.Said;

/** A file that is not the spreadsheet it should be (a CSV never closed, not a workbook), with why in words. */
public class Unreadable extends IllegalArgumentException {

    public final transient Said said;

    public Unreadable(Said said) {
        super(said.in(Lang.EN));
        this.said = said;
    }
}
