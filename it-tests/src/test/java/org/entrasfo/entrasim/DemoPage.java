package org.entrasfo.entrasim;

import java.util.Map;

/** A page of the demo served next to the start page (the SMS and mail stand-ins' inboxes, the help desk). */
@FunctionalInterface
public interface DemoPage {

    /** The page's body HTML; {@code form} holds a POST's fields, empty for a GET. */
    String body(String method, Map<String, String> form) throws Exception;

    /** A link from the start page. */
    record Link(String href, String label) {
    }
}
