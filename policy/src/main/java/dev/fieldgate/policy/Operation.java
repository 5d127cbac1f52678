package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a caller does to a record or field. {@link #READ} stands for {@link #GET}, {@link #LIST} and
 * {@link #LISTEN} together; a rule naming any read operation lets the caller read the fields of the records it
 * obtained that way.
 */
public enum Operation {
    CREATE,
    READ,
    UPDATE,
    DELETE,
    GET,
    LIST,
    LISTEN;

    private static final int READS = bit(READ) | bit(GET) | bit(LIST) | bit(LISTEN);

    /** The name used in schemas and the manifest: {@code create}, {@code read}, … */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Operation fromWireName(String name) {
        for (Operation operation : values()) {
            if (operation.wireName().equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException(
                "unknown operation '" + name + "'; use one of create, read, update, delete, get, list, listen");
    }

    /** True for get, list, listen and read. */
    public boolean isRead() {
        return (bit(this) & READS) != 0;
    }

    /** True for the operations a field-level rule may name: create, read, update, delete. */
    public boolean isFieldLevel() {
        return this == CREATE || this == READ || this == UPDATE || this == DELETE;
    }

    /**
     * The operations a rule naming this one covers, as a bit set over {@link #ordinal()}: {@code read} covers every
     * read operation, and each single read operation covers reading the fields of what it returned.
     */
    int coverageMask() {
        if (this == READ) {
            return READS;
        }
        return isRead() ? bit(this) | bit(READ) : bit(this);
    }

    int bit() {
        return bit(this);
    }

    @SuppressWarnings("EnumOrdinal") // an int bit set over ordinals: FieldPolicy's hot path tests one bit
    private static int bit(Operation operation) {
        return 1 << operation.ordinal();
    }
}
