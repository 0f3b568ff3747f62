package org.entrasfo.entrasim;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A page that posts a form back by itself, as the provider answers Entra (contract 4): action, method and fields. */
public record FormPost(URI action, String method, Map<String, String> fields) {

    public static Optional<FormPost> parse(String html, URI pageUri) {
        Document page = Jsoup.parse(html, pageUri.toString());
        Element form = page.selectFirst("form");
        if (form == null || page.selectFirst("input[name=id_token], input[name=error]") == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return Optional.of(new FormPost(URI.create(form.attr("action")), form.attr("method"), fields));
    }

    public boolean isError() {
        return fields.containsKey("error");
    }

    public String field(String name) {
        return fields.get(name);
    }
}
