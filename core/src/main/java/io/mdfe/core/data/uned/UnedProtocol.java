package io.mdfe.core.data.uned;

/** How the domains' queries meet the index. */
public enum UnedProtocol {
    /** The standard benchmark: every query searched against the union of all domains' index sets. */
    MERGED,
    /** Each domain's queries searched against that domain's index only. */
    SEPARATE
}
