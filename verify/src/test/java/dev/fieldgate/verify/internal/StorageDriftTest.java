package dev.fieldgate.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.StoragePolicy;
import dev.fieldgate.policy.StorageRole;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** The roles' S3 statements and the buckets' settings, compared with what the storage declaration says. */
class StorageDriftTest {

    static final StoragePolicy DECLARED = StoragePolicy.parse("""
            {"buckets": [{"name": "pictures", "paths": {
              "public/*": {"guest": ["read"], "authenticated": ["read"]},
              "pins/{identity}/*": {"guest": ["get"], "authenticated": ["get"], "owner": ["read", "write", "delete"]},
              "private/{identity}/*": {"owner": ["read", "write", "delete"]}}}]}""");

    static final String BUCKET = "pins-dev-pictures-123456789012";
    static final String ARN = "arn:aws:s3:::" + BUCKET;
    static final Function<String, String> ARNS = name -> "arn:aws:s3:::pins-dev-" + name + "-123456789012";
    static final String SUB = "${cognito-identity.amazonaws.com:sub}";

    /** What Terraform's storage module attaches: the policy module's own document for the role. */
    static String deployed(StorageRole role) {
        return DECLARED.iamPolicyJson(role, ARNS).orElseThrow();
    }

    static RoleGrants.Findings compare(StorageRole role, String... documents) {
        List<RoleGrants.PolicySource> policies = new java.util.ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            policies.add(new RoleGrants.PolicySource("inline policy p" + (i + 1), documents[i]));
        }
        // An AppSync grant next to them is the role-grants check's business, not this one's.
        policies.add(new RoleGrants.PolicySource(
                "managed policy appsync",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"appsync:GraphQL\",\"Resource\":\"arn:aws:appsync:"
                        + "us-east-1:123456789012:apis/abc/types/Query/fields/listPins\"}}"));
        String name = role == StorageRole.GUEST ? "guest" : "authenticated";
        return StorageDrift.roleStatements(name, DECLARED.statements(role), ARNS, policies);
    }

    @Test
    void theDeclaredStatementsPassForBothRoles() {
        for (StorageRole role : StorageRole.values()) {
            RoleGrants.Findings findings = compare(role, deployed(role));

            assertThat(findings.failures()).isEmpty();
            assertThat(findings.warnings()).isEmpty();
        }
        assertThat(compare(StorageRole.AUTHENTICATED, deployed(StorageRole.AUTHENTICATED))
                        .granted())
                .contains("s3:putobject " + ARN + "/private/" + SUB + "/*")
                .contains("s3:listbucket " + ARN + " prefix private/" + SUB + "/");
    }

    @Test
    void anOwnerPathWidenedToEveryIdentityIsAnExtraGrantAndTheVariableOneIsMissing() {
        String widened = deployed(StorageRole.AUTHENTICATED).replace("private/" + SUB + "/*", "private/*/*");

        RoleGrants.Findings findings = compare(StorageRole.AUTHENTICATED, widened);

        assertThat(findings.failures())
                .contains("extra grant s3:putobject on " + ARN + "/private/*/* (inline policy p1 (PutObjectPictures)):"
                        + " the storage declaration does not give it to the authenticated role")
                .contains("missing grant s3:PutObject on " + ARN + "/private/" + SUB + "/*");
    }

    @Test
    void aWildcardActionAListingWithoutPrefixAndAMissingRoleStatementFail() {
        String everything = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"" + ARN
                + "/public/*\"]},{\"Sid\":\"List\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\""
                + ARN + "\"}]}";

        RoleGrants.Findings findings = compare(StorageRole.GUEST, everything);

        assertThat(findings.failures())
                .contains("inline policy p1 allows the wildcard action s3:*: the declaration grants named actions only")
                .contains("inline policy p1 (List) allows s3:ListBucket on " + ARN + " without an s3:prefix"
                        + " condition: the whole bucket can be listed")
                .contains("missing grant s3:GetObject on " + ARN + "/public/*");
    }

    @Test
    void aRoleThatShouldHaveNoS3AccessFailsOnAnyStatement() {
        RoleGrants.Findings findings = StorageDrift.roleStatements(
                "guest",
                StoragePolicy.none().statements(StorageRole.GUEST),
                ARNS,
                List.of(new RoleGrants.PolicySource("inline policy p1", deployed(StorageRole.GUEST))));

        assertThat(findings.failures()).hasSize(4).allMatch(f -> f.startsWith("extra grant s3:"));
    }

    @Test
    void bucketsArePrivateEncryptedAndHttpsOnly() {
        PublicAccessBlockConfiguration allOn = PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(true)
                .ignorePublicAcls(true)
                .blockPublicPolicy(true)
                .restrictPublicBuckets(true)
                .build();
        assertThat(StorageDrift.publicAccessBlock(BUCKET, allOn)).isEmpty();
        assertThat(StorageDrift.publicAccessBlock(
                        BUCKET, allOn.toBuilder().restrictPublicBuckets(false).build()))
                .containsExactly(BUCKET + "'s public access block has RestrictPublicBuckets off");
        assertThat(StorageDrift.publicAccessBlock(BUCKET, null))
                .singleElement()
                .asString()
                .contains("has no public access block");

        ServerSideEncryptionConfiguration aes = ServerSideEncryptionConfiguration.builder()
                .rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder()
                                .sseAlgorithm("AES256")
                                .build())
                        .build())
                .build();
        assertThat(StorageDrift.encryption(BUCKET, aes)).isEmpty();
        assertThat(StorageDrift.encryption(BUCKET, null)).containsExactly(BUCKET + " has no default encryption");

        String tls =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\","
                        + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"" + ARN + "\",\"" + ARN + "/*\"],"
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
        assertThat(StorageDrift.tlsOnly(BUCKET, ARN, tls)).isEmpty();
        assertThat(StorageDrift.tlsOnly(BUCKET, ARN, tls.replace("\"false\"", "\"true\"")))
                .singleElement()
                .asString()
                .contains("accepts requests over plain HTTP");
        assertThat(StorageDrift.tlsOnly(BUCKET, ARN, tls.replace("\"" + ARN + "/*\"", "\"" + ARN + "/public/*\"")))
                .hasSize(1);
        assertThat(StorageDrift.tlsOnly(BUCKET, ARN, null)).hasSize(1);
    }
}
