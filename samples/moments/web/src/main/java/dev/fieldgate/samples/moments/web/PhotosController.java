package dev.fieldgate.samples.moments.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.GraphQLResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The one page: the signed-in user's photos grouped by the day they were uploaded (newest day first), and a form to
 * upload another. Each API call carries the user's own access token (the starter's per-request OAuth2 authorizer);
 * the photo's bytes go to S3 through the presigned URL {@code createPhoto} answers, never through the API.
 */
@RestController
public class PhotosController {

    private static final String LIST = "query { listPhotos(limit: 100) { items { photoId fileName caption createdAt url } } }";
    private static final String CREATE = "mutation ($input: CreatePhotoInput!) { createPhoto(input: $input)"
            + " { photoId uploadUrl uploadHeaders } }";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FieldgateClient api;
    private final HttpClient http;
    private final ZoneId zone;

    public PhotosController(FieldgateClient api, MomentsProperties properties) {
        this.api = api;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.zone = properties.zone();
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String photos(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
        JsonNode items = data(api.execute(LIST, Map.of())).path("listPhotos").path("items");
        Map<LocalDate, List<JsonNode>> byDay = new TreeMap<>(Collections.reverseOrder());
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode photo = it.next();
            LocalDate day = Instant.parse(photo.path("createdAt").asText()).atZone(zone).toLocalDate();
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(photo);
        }
        return Page.render(user.getEmail() != null ? user.getEmail() : user.getSubject(), byDay, csrf);
    }

    @PostMapping("/photos")
    public RedirectView upload(
            @RequestParam("photo") MultipartFile photo, @RequestParam(name = "caption", required = false) String caption) {
        if (photo.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a photo to upload.");
        }
        String name = photo.getOriginalFilename() == null ? "photo" : photo.getOriginalFilename();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("fileName", name);
        input.put("contentType", photo.getContentType() == null ? "" : photo.getContentType());
        input.put("size", photo.getSize());
        if (caption != null && !caption.isBlank()) {
            input.put("caption", caption);
        }
        JsonNode created = data(api.execute(CREATE, Map.of("input", input))).path("createPhoto");
        put(created, photo);
        return new RedirectView("/");
    }

    /** PUTs the bytes to the presigned URL with exactly the headers signed into it. */
    private void put(JsonNode created, MultipartFile photo) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
                    .timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(photo.getBytes()));
            JsonNode headers = created.path("uploadHeaders");
            if (headers.isTextual()) {
                headers = JSON.readTree(headers.asText());
            }
            headers.fields().forEachRemaining(h -> {
                // The JDK's client sets Content-Length itself from the body, which the signature covers.
                if (!h.getKey().equalsIgnoreCase("content-length")) {
                    request.header(h.getKey(), h.getValue().asText());
                }
            });
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_GATEWAY, "The photos bucket refused the upload (" + response.statusCode() + ").");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Upload interrupted.");
        }
    }

    private static JsonNode data(GraphQLResponse<JsonNode> response) {
        if (response.hasErrors()) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, response.errors().get(0).message());
        }
        return response.data();
    }
}
