package dev.fieldgate.samples.moments.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The page's HTML: every value from the API or the user is escaped. */
final class Page {

    private Page() {}

    static String render(String user, Map<LocalDate, List<JsonNode>> byDay, CsrfToken csrf) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moments</title>")
                .append("<style>body{font-family:sans-serif;margin:2rem}section{margin-top:1.5rem}")
                .append("figure{display:inline-block;margin:.5rem}img{max-width:240px;max-height:240px}</style>")
                .append("</head><body><header><h1>Moments</h1><p>Signed in as <span id=\"user\">")
                .append(HtmlUtils.htmlEscape(user))
                .append("</span></p><form method=\"post\" action=\"/logout\">")
                .append(csrfField(csrf))
                .append("<button type=\"submit\">Sign out</button></form></header>")
                .append("<form id=\"upload\" method=\"post\" action=\"/photos\" enctype=\"multipart/form-data\">")
                .append(csrfField(csrf))
                .append("<label>Photo <input type=\"file\" name=\"photo\" accept=\"image/jpeg,image/png,image/webp\"")
                .append(" required></label> <label>Caption <input type=\"text\" name=\"caption\" maxlength=\"500\">")
                .append("</label> <button type=\"submit\">Upload</button></form>");
        if (byDay.isEmpty()) {
            html.append("<p id=\"empty\">No photos yet.</p>");
        }
        byDay.forEach((day, photos) -> {
            html.append("<section class=\"day\" data-day=\"").append(day).append("\"><h2>").append(day).append("</h2>");
            for (JsonNode photo : photos) {
                String caption = photo.path("caption").isTextual()
                        ? photo.path("caption").asText()
                        : photo.path("fileName").asText();
                html.append("<figure class=\"photo\" data-id=\"")
                        .append(HtmlUtils.htmlEscape(photo.path("photoId").asText()))
                        .append("\"><img src=\"")
                        .append(HtmlUtils.htmlEscape(photo.path("url").asText()))
                        .append("\" alt=\"")
                        .append(HtmlUtils.htmlEscape(caption))
                        .append("\"><figcaption>")
                        .append(HtmlUtils.htmlEscape(caption))
                        .append("</figcaption></figure>");
            }
            html.append("</section>");
        });
        return html.append("</body></html>").toString();
    }

    private static String csrfField(CsrfToken csrf) {
        return "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName()) + "\" value=\""
                + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
    }
}
