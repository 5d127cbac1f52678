package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void toStringNeverShowsClaims() {
        Principal alice = Principal.userPool(
                "sub-1", "alice", List.of("Admins"), Map.of("email", "alice@example.com", "custom:secret", "s3cr3t"));

        assertThat(alice.toString())
                .isEqualTo("Principal[USER_POOL sub=sub-1 groups=[Admins]]")
                .doesNotContain("alice@example.com")
                .doesNotContain("s3cr3t");
    }

    @Test
    void claimsResolveTheNamesOwnerRulesUse() {
        Principal alice = Principal.userPool("sub-1", "alice", List.of(), Map.of("email", "a@example.com"));

        assertThat(alice.claim("sub")).isEqualTo("sub-1");
        assertThat(alice.claim("username")).isEqualTo("alice");
        assertThat(alice.claim("cognito:username")).isEqualTo("alice");
        assertThat(alice.claim("email")).isEqualTo("a@example.com");
        assertThat(alice.claim("missing")).isNull();
    }

    @Test
    void eachKindMapsToItsAppSyncMode() {
        assertThat(Principal.anonymous().mode()).isNull();
        assertThat(Principal.apiKey().mode()).isEqualTo(AuthMode.API_KEY);
        assertThat(Principal.iamGuest("g").mode()).isEqualTo(AuthMode.AWS_IAM);
        assertThat(Principal.iamAuthenticated("i", null).mode()).isEqualTo(AuthMode.AWS_IAM);
        assertThat(Principal.iam("arn:aws:iam::1:role/x").mode()).isEqualTo(AuthMode.AWS_IAM);
        assertThat(Principal.oidc("s", Map.of()).mode()).isEqualTo(AuthMode.OPENID_CONNECT);
        assertThat(Principal.lambda(Map.of()).mode()).isEqualTo(AuthMode.AWS_LAMBDA);
    }

    @Test
    void blankIdsAreRefused() {
        assertThatThrownBy(() -> Principal.userPool(" ", "u", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub must not be blank");
        assertThatThrownBy(() -> Principal.iamGuest(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
