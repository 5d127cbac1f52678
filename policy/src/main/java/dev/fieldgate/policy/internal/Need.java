package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.AuthRule;
import dev.fieldgate.policy.ModeGrant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The auth modes an element must admit for its kit rules to be reachable: per mode, either every caller of the
 * mode ({@code null} groups) or only user-pool users in some groups. Immutable.
 */
public final class Need {

    private static final Need NONE = new Need(new EnumMap<>(AuthMode.class));

    /** Per mode: {@code null} = every caller of that mode; otherwise the groups, sorted. */
    private final EnumMap<AuthMode, SortedSet<String>> modes;

    private Need(EnumMap<AuthMode, SortedSet<String>> modes) {
        this.modes = modes;
    }

    public static Need none() {
        return NONE;
    }

    public static Need of(AuthMode mode) {
        EnumMap<AuthMode, SortedSet<String>> map = new EnumMap<>(AuthMode.class);
        map.put(mode, null);
        return new Need(map);
    }

    /** What a set of rules needs: the mode of each rule; for user pools, only groups if every such rule is a groups rule. */
    public static Need forRules(Collection<AuthRule> rules) {
        Need need = NONE;
        for (AuthRule rule : rules) {
            need = need.union(forRule(rule));
        }
        return need;
    }

    static Need forRule(AuthRule rule) {
        EnumMap<AuthMode, SortedSet<String>> map = new EnumMap<>(AuthMode.class);
        map.put(
                rule.mode(),
                rule.allow() == AuthRule.Strategy.GROUPS
                                && Objects.equals(rule.groupClaim(), dev.fieldgate.policy.Principal.GROUPS_CLAIM)
                        ? new TreeSet<>(rule.groups())
                        : null);
        return new Need(map);
    }

    public Need union(Need other) {
        if (other.modes.isEmpty()) {
            return this;
        }
        if (modes.isEmpty()) {
            return other;
        }
        EnumMap<AuthMode, SortedSet<String>> map = new EnumMap<>(AuthMode.class);
        for (AuthMode mode : AuthMode.values()) {
            boolean here = modes.containsKey(mode);
            boolean there = other.modes.containsKey(mode);
            if (!here && !there) {
                continue;
            }
            SortedSet<String> a = modes.get(mode);
            SortedSet<String> b = other.modes.get(mode);
            if ((here && a == null) || (there && b == null)) {
                map.put(mode, null);
            } else {
                SortedSet<String> merged = new TreeSet<>();
                if (a != null) {
                    merged.addAll(a);
                }
                if (b != null) {
                    merged.addAll(b);
                }
                map.put(mode, merged);
            }
        }
        return new Need(map);
    }

    public boolean isEmpty() {
        return modes.isEmpty();
    }

    public java.util.Set<AuthMode> modes() {
        return modes.keySet();
    }

    /** The groups needed for a mode: {@code null} when every caller of the mode is needed. */
    public List<String> groups(AuthMode mode) {
        SortedSet<String> groups = modes.get(mode);
        return groups == null ? null : List.copyOf(groups);
    }

    /** True when the grants admit every caller this need describes. */
    public boolean coveredBy(List<ModeGrant> grants) {
        for (Map.Entry<AuthMode, SortedSet<String>> entry : modes.entrySet()) {
            boolean covered = false;
            for (ModeGrant grant : grants) {
                if (grant.mode() != entry.getKey()) {
                    continue;
                }
                if (grant.groups() == null
                        || (entry.getValue() != null && grant.groups().containsAll(entry.getValue()))) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** True when the grants admit exactly what this need describes: the same modes, the same groups. */
    public boolean matchesExactly(List<ModeGrant> grants) {
        return this.equals(fromGrants(grants));
    }

    static Need fromGrants(List<ModeGrant> grants) {
        Need need = NONE;
        for (ModeGrant grant : grants) {
            EnumMap<AuthMode, SortedSet<String>> map = new EnumMap<>(AuthMode.class);
            map.put(grant.mode(), grant.groups() == null ? null : new TreeSet<>(grant.groups()));
            need = need.union(new Need(map));
        }
        return need;
    }

    /** The directives that admit exactly this need, in the API's mode order. */
    List<DirectiveUse> directives(List<AuthMode> modeOrder) {
        List<DirectiveUse> result = new ArrayList<>();
        for (AuthMode mode : modeOrder) {
            if (modes.containsKey(mode)) {
                result.add(DirectiveUse.added(mode, groups(mode)));
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Need that && that.modes.equals(modes);
    }

    @Override
    public int hashCode() {
        return modes.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        modes.forEach((mode, groups) -> parts.add(groups == null ? mode.name() : mode.name() + " " + groups));
        return String.join(", ", parts);
    }
}
