package dev.fieldgate.local.cognito.internal.hostedui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTemplateTest {

    @Test
    void valuesAreEscapedBetweenTagsAndInAttributes() {
        String html = HtmlTemplate.fromTemplate("<input value=\"{{v}}\"><p>{{v}}</p>")
                .withValue("v", "\"><script>alert('x&y')</script>")
                .render();
        assertThat(html)
                .isEqualTo("<input value=\"&quot;&gt;&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;\">"
                        + "<p>&quot;&gt;&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;</p>");
    }

    @Test
    void rawHtmlIsInsertedOnlyWhenAskedFor() {
        HtmlTemplate template = HtmlTemplate.fromTemplate("<div>{{body}}</div>");
        assertThat(template.withRawHtml("body", "<b>bold</b>").render()).isEqualTo("<div><b>bold</b></div>");
        assertThat(template.withValue("body", "<b>bold</b>").render()).isEqualTo("<div>&lt;b&gt;bold&lt;/b&gt;</div>");
    }

    @Test
    void aPlaceholderUsedTwiceGetsItsValueTwiceAndValuesAreNotTemplates() {
        String html = HtmlTemplate.fromTemplate("{{a}}-{{b}}-{{a}}")
                .withValue("a", "{{b}}")
                .withValue("b", "x")
                .render();
        assertThat(html).isEqualTo("{{b}}-x-{{b}}");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefused() {
        HtmlTemplate template = HtmlTemplate.fromTemplate("<h1>{{title}}</h1>{{error}}");
        assertThatThrownBy(() -> template.withValue("title", "Sign in").render())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[error]");
    }

    @Test
    void aValueForAPlaceholderTheTemplateLacksIsRefused() {
        HtmlTemplate template = HtmlTemplate.fromTemplate("<h1>{{title}}</h1>");
        assertThatThrownBy(() -> template.withValue("titel", "Sign in"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{titel}}");
        assertThatThrownBy(() -> template.withValue("title", "a").withRawHtml("title", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> template.withValue("title", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void malformedPlaceholdersAreRefusedWhenTheTemplateIsRead() {
        for (String bad : new String[] {"{{ title }}", "{{title", "{{}}", "{{1st}}", "{{a-b}}"}) {
            assertThatThrownBy(() -> HtmlTemplate.fromTemplate("<p>" + bad + "</p>"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed placeholder");
        }
        // Single braces, as in CSS, are text.
        assertThat(HtmlTemplate.fromTemplate("p{color:red}{{x}}")
                        .withValue("x", "")
                        .render())
                .isEqualTo("p{color:red}");
    }

    @Test
    void resourcesAreReadOnceWithoutTheirFinalLineBreak() {
        HtmlTemplate fragment = HtmlTemplate.fromResource("test-fragment.html");
        assertThat(HtmlTemplate.fromResource("test-fragment.html")).isSameAs(fragment);
        assertThat(fragment.withValue("kind", "error")
                        .withValue("text", "a < b")
                        .render())
                .isEqualTo("<p class=\"error\">a &lt; b</p>");
        assertThatThrownBy(() -> HtmlTemplate.fromResource("no-such-page.html"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-page.html");
    }
}
