package dev.fieldgate.sdk.internal;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.AppSyncHttpRequest;
import dev.fieldgate.sdk.AuthMode;
import dev.fieldgate.sdk.FieldgateConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** SigV4 for AppSync with the AWS SDK's own signer (service name {@code appsync}). */
public final class IamAuthorizer implements AppSyncAuthorizer {

    /** AppSync's SigV4 signing name. */
    public static final String SIGNING_NAME = "appsync";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    /** {@code <id>.appsync-api.<region>.amazonaws.com} and its real-time twin. */
    private static final Pattern APPSYNC_HOST =
            Pattern.compile("^[a-z0-9]+\\.appsync-(?:api|realtime-api)\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$");

    private final AwsCredentialsProvider credentials;
    private final String region;

    /**
     * @param region the region to sign for, or null to take the request's (the client's configuration) or the one
     *               in an AppSync host name
     */
    public IamAuthorizer(AwsCredentialsProvider credentials, String region) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = region;
    }

    @Override
    public AuthMode mode() {
        return AuthMode.AWS_IAM;
    }

    @Override
    public Map<String, String> authorize(AppSyncHttpRequest request) {
        AwsCredentials identity = credentials.resolveCredentials();
        SdkHttpRequest.Builder http =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(request.uri());
        request.headers().forEach(http::putHeader);
        byte[] body = request.body();
        String signingRegion = signingRegion(request);
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
        Map<String, String> added = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!request.headers().containsKey(header.getKey())
                    && !header.getValue().isEmpty()) {
                added.put(header.getKey(), header.getValue().get(0));
            }
        }
        return added;
    }

    private String signingRegion(AppSyncHttpRequest request) {
        if (region != null) {
            return region;
        }
        if (request.region().isPresent()) {
            return request.region().get();
        }
        String host = request.uri().getHost();
        Matcher m = APPSYNC_HOST.matcher(host == null ? "" : host.toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            return m.group(1);
        }
        throw new FieldgateConfigException("No region to sign " + request.uri() + " for: use the authorizer with a "
                + "FieldgateClient (it takes the region from its configuration) or give one, "
                + "AppSyncAuthorizer.iam(credentials, region).");
    }

    @Override
    public String toString() {
        return "AppSyncAuthorizer[AWS_IAM, region " + (region == null ? "of the API" : region) + ", "
                + credentials.getClass().getSimpleName() + "]";
    }
}
