package io.regularity.classification.domain;

/** What a passage event tells classification: a crossing recorded, or a crossing's void (or that void undone). */
public sealed interface PassageChange permits Passage, PassageVoid {
}
