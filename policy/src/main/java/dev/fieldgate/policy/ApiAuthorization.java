package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authorization modes of an AppSync API: the default mode, the additional modes, and the user-pool default
 * action. AppSync keeps these in the API's configuration, not in the schema; Fieldgate reads them from the schema's
 * {@code schema @api(...)} directive (or takes {@link #kitDefault()}) so the schema stays the one source of truth.
 *
 * @param defaultAuthMode       the mode AppSync applies where neither a field nor its type carries an auth directive
 * @param additionalAuthModes   the other enabled modes, in declaration order, without duplicates
 * @param userPoolDefaultAction the user-pool default action; only meaningful when the default mode is user pools
 */
public record ApiAuthorization(
        AuthMode defaultAuthMode, List<AuthMode> additionalAuthModes, DefaultAction userPoolDefaultAction) {

    public ApiAuthorization {
        Objects.requireNonNull(defaultAuthMode, "defaultAuthMode");
        additionalAuthModes = List.copyOf(additionalAuthModes == null ? List.of() : additionalAuthModes);
        userPoolDefaultAction = userPoolDefaultAction == null ? DefaultAction.ALLOW : userPoolDefaultAction;
        if (additionalAuthModes.contains(defaultAuthMode)) {
            throw new IllegalArgumentException("additionalAuthModes repeats the default mode " + defaultAuthMode
                    + "; list each mode once, the default one only as defaultAuthMode");
        }
        if (Set.copyOf(additionalAuthModes).size() != additionalAuthModes.size()) {
            throw new IllegalArgumentException("additionalAuthModes lists a mode twice: " + additionalAuthModes);
        }
    }

    /** The kit's standard set-up: Cognito user pools by default, IAM (identity-pool guests and users) as well. */
    public static ApiAuthorization kitDefault() {
        return new ApiAuthorization(AuthMode.AMAZON_COGNITO_USER_POOLS, List.of(AuthMode.AWS_IAM), DefaultAction.ALLOW);
    }

    /** Every enabled mode, the default first. */
    public List<AuthMode> modes() {
        List<AuthMode> modes = new ArrayList<>(1 + additionalAuthModes.size());
        modes.add(defaultAuthMode);
        modes.addAll(additionalAuthModes);
        return List.copyOf(modes);
    }

    public boolean isEnabled(AuthMode mode) {
        return defaultAuthMode == mode || additionalAuthModes.contains(mode);
    }

    /** True when more than one mode is enabled: the multi-auth directive rules apply and {@code @aws_auth} is refused. */
    @JsonIgnore
    public boolean isMultiAuth() {
        return !additionalAuthModes.isEmpty();
    }

    /** True for the one set-up where AppSync's {@code @aws_auth} and the default action apply: user pools only. */
    @JsonIgnore
    public boolean isCognitoOnly() {
        return defaultAuthMode == AuthMode.AMAZON_COGNITO_USER_POOLS && additionalAuthModes.isEmpty();
    }

    EnumSet<AuthMode> modeSet() {
        EnumSet<AuthMode> set = EnumSet.of(defaultAuthMode);
        set.addAll(additionalAuthModes);
        return set;
    }
}
