package dev.fieldgate.verify;

/** The outcome of one check. Only {@link #FAIL} makes a report fail. */
public enum CheckStatus {
    /** The environment matches. */
    PASS("✓"),
    /** The environment differs from the schema or the outputs file in a way that must be fixed. */
    FAIL("✗"),
    /** It works, but something deserves a look (logging off, a wildcard that matches only granted fields, ...). */
    WARN("!"),
    /** The check could not run: the caller lacks a permission, or what it needs is absent. */
    SKIPPED("-");

    private final String symbol;

    CheckStatus(String symbol) {
        this.symbol = symbol;
    }

    /** The report's mark: ✓, ✗, ! or -. */
    public String symbol() {
        return symbol;
    }
}
