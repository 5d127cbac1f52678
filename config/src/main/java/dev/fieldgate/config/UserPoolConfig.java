package dev.fieldgate.config;

import dev.fieldgate.config.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code userPool}: the user pool, its groups and app clients, with AWS's names and defaults. Immutable. */
public final class UserPoolConfig {

    private static final Set<String> ALIAS_ATTRIBUTES = Set.of("email", "phone_number");
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address",
            "birthdate",
            "email",
            "family_name",
            "gender",
            "given_name",
            "locale",
            "middle_name",
            "name",
            "nickname",
            "phone_number",
            "picture",
            "preferred_username",
            "profile",
            "updated_at",
            "website",
            "zoneinfo");
    private static final Set<String> MFA = Set.of("OFF", "OPTIONAL", "ON");

    private final String name;
    private final List<String> usernameAttributes;
    private final List<String> autoVerifiedAttributes;
    private final List<String> requiredAttributes;
    private final PasswordPolicy passwordPolicy;
    private final String mfa;
    private final boolean deletionProtection;
    private final List<UserPoolGroup> groups;
    private final String domainPrefix;
    private final List<AppClientConfig> clients;

    private UserPoolConfig(Builder b) {
        this.name = Checks.require(b.name, "userPool.name");
        if (!name.matches("[\\w\\s+=,.@-]{1,128}")) {
            throw new ConfigException("userPool.name '" + name + "' must be 1 to 128 characters of letters, digits,"
                    + " spaces and + = , . @ -.");
        }
        this.usernameAttributes = Checks.strings(b.usernameAttributes, "userPool.usernameAttributes");
        Checks.oneOf(usernameAttributes, ALIAS_ATTRIBUTES, "userPool.usernameAttributes");
        this.autoVerifiedAttributes = Checks.strings(b.autoVerifiedAttributes, "userPool.autoVerifiedAttributes");
        Checks.oneOf(autoVerifiedAttributes, ALIAS_ATTRIBUTES, "userPool.autoVerifiedAttributes");
        this.requiredAttributes = Checks.strings(b.requiredAttributes, "userPool.requiredAttributes");
        Checks.oneOf(requiredAttributes, STANDARD_ATTRIBUTES, "userPool.requiredAttributes");
        this.passwordPolicy = b.passwordPolicy == null ? PasswordPolicy.AWS_DEFAULT : b.passwordPolicy;
        this.mfa = Checks.oneOf(b.mfa == null ? "OFF" : b.mfa, MFA, "userPool.mfa");
        this.deletionProtection = b.deletionProtection;
        this.groups = List.copyOf(b.groups);
        Set<String> groupNames = new HashSet<>();
        for (UserPoolGroup g : groups) {
            if (!groupNames.add(g.name())) {
                throw new ConfigException("userPool.groups has two groups named '" + g.name() + "'; rename one.");
            }
        }
        this.domainPrefix = b.domainPrefix;
        if (domainPrefix != null && !domainPrefix.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new ConfigException("userPool.domainPrefix '" + domainPrefix
                    + "' must be lower-case letters, digits and hyphens, such as 'pins-example'.");
        }
        this.clients = List.copyOf(b.clients);
        if (clients.isEmpty()) {
            throw new ConfigException(
                    "userPool.clients must name at least one app client, such as " + "{\"name\": \"web\"}.");
        }
        Set<String> clientNames = new HashSet<>();
        for (AppClientConfig c : clients) {
            if (!clientNames.add(c.name())) {
                throw new ConfigException("userPool.clients has two clients named '" + c.name() + "'; rename one.");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .usernameAttributes(usernameAttributes)
                .autoVerifiedAttributes(autoVerifiedAttributes)
                .requiredAttributes(requiredAttributes)
                .passwordPolicy(passwordPolicy)
                .mfa(mfa)
                .deletionProtection(deletionProtection)
                .groups(groups)
                .domainPrefix(domainPrefix)
                .clients(clients);
    }

    public String name() {
        return name;
    }

    /** {@code ["email"]}, {@code ["phone_number"]} or empty: the sign-in aliases used as the username. */
    public List<String> usernameAttributes() {
        return usernameAttributes;
    }

    public List<String> autoVerifiedAttributes() {
        return autoVerifiedAttributes;
    }

    public List<String> requiredAttributes() {
        return requiredAttributes;
    }

    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    /** {@code OFF}, {@code OPTIONAL} or {@code ON}. */
    public String mfa() {
        return mfa;
    }

    public boolean deletionProtection() {
        return deletionProtection;
    }

    public List<UserPoolGroup> groups() {
        return groups;
    }

    public Optional<String> domainPrefix() {
        return Optional.ofNullable(domainPrefix);
    }

    /** The app clients; the first is the one the outputs file names as {@code user_pool_client_id}. */
    public List<AppClientConfig> clients() {
        return clients;
    }

    public Optional<AppClientConfig> client(String clientName) {
        return clients.stream().filter(c -> c.name().equals(clientName)).findFirst();
    }

    @Override
    public String toString() {
        return "UserPoolConfig[" + name + ", clients=" + clients + "]";
    }

    /** Builds a {@link UserPoolConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String name;
        private List<String> usernameAttributes;
        private List<String> autoVerifiedAttributes;
        private List<String> requiredAttributes;
        private PasswordPolicy passwordPolicy;
        private String mfa;
        private boolean deletionProtection;
        private List<UserPoolGroup> groups = new ArrayList<>();
        private String domainPrefix;
        private List<AppClientConfig> clients = new ArrayList<>();

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder usernameAttributes(List<String> usernameAttributes) {
            this.usernameAttributes = usernameAttributes;
            return this;
        }

        public Builder autoVerifiedAttributes(List<String> autoVerifiedAttributes) {
            this.autoVerifiedAttributes = autoVerifiedAttributes;
            return this;
        }

        public Builder requiredAttributes(List<String> requiredAttributes) {
            this.requiredAttributes = requiredAttributes;
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
            this.passwordPolicy = passwordPolicy;
            return this;
        }

        public Builder mfa(String mfa) {
            this.mfa = mfa;
            return this;
        }

        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        public Builder groups(List<UserPoolGroup> groups) {
            this.groups = new ArrayList<>(groups);
            return this;
        }

        public Builder addGroup(UserPoolGroup group) {
            this.groups.add(group);
            return this;
        }

        public Builder domainPrefix(String domainPrefix) {
            this.domainPrefix = domainPrefix;
            return this;
        }

        public Builder clients(List<AppClientConfig> clients) {
            this.clients = new ArrayList<>(clients);
            return this;
        }

        public Builder addClient(AppClientConfig client) {
            this.clients.add(client);
            return this;
        }

        /**
         * Builds the user pool configuration.
         *
         * @throws ConfigException naming the key that is invalid
         */
        public UserPoolConfig build() {
            return new UserPoolConfig(this);
        }
    }
}
