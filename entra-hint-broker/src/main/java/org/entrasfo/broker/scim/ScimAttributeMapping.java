package org.entrasfo.broker.scim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.entrasfo.broker.link.EntraUserLinker;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Where Entra's attributes land, as user-profile annotations Keycloak's SCIM server reads
 * ({@code kc.scim.schema.attribute}): Entra's object ID (mapped in Entra to {@code externalId}) in {@code entra_oid},
 * a directory extension only admins or HR sync write (sent as a custom extension attribute: Keycloak's SCIM preview
 * has no {@code phoneNumbers}; never Entra's {@code mobile}, which users may edit themselves) in the SMS factor's phone
 * attribute. {@code userName}, {@code emails} and {@code active} are Keycloak's own. Any other user
 * attribute has no annotation and stays out of SCIM's reach; {@code entra_tid} too: it is the realm's tenant, set by
 * {@link ScimProvisionedUsers}.
 */
public final class ScimAttributeMapping {

    public static final String ANNOTATION = "kc.scim.schema.attribute";
    /** Entra's custom extension schema for what SCIM's core has no simple attribute for. */
    public static final String EXTENSION_SCHEMA = "urn:ietf:params:scim:schemas:extension:entrasfo:2.0:User";
    public static final String MOBILE = EXTENSION_SCHEMA + ":mobile";
    /** The SMS factor's default phone attribute (its execution setting may name another; then map that one). */
    public static final String PHONE_ATTRIBUTE = "phoneNumber";

    /**
     * Keycloak 26.7's SCIM server fails (HTTP 500, every user write) on a non-root user-profile attribute without
     * annotations; the attributes SCIM does not map get this one, which says so to the admin who reads the profile.
     */
    public static final String UNMAPPED_ANNOTATION = "entra-sfo.scim";
    static final Set<String> ROOT_ATTRIBUTES = Set.of("username", "email", "firstName", "lastName");

    /** User-profile attribute to SCIM attribute. */
    public static final Map<String, String> MAPPED = mapped();

    private ScimAttributeMapping() {
    }

    private static Map<String, String> mapped() {
        Map<String, String> mapped = new LinkedHashMap<>();
        mapped.put(EntraUserLinker.OID_ATTRIBUTE, "externalId");
        mapped.put(PHONE_ATTRIBUTE, MOBILE);
        return Map.copyOf(mapped);
    }

    /** True when the configuration changed. Only annotates attributes provisioning already defined admin-only. */
    static boolean annotate(UPConfig config) {
        boolean changed = false;
        for (Map.Entry<String, String> entry : MAPPED.entrySet()) {
            UPAttribute attribute = config.getAttribute(entry.getKey());
            if (attribute == null) {
                throw new IllegalStateException("attribute " + entry.getKey() + " is not defined; provision the tenant realm first");
            }
            Map<String, Object> annotations = attribute.getAnnotations() == null ? new HashMap<>() : new HashMap<>(attribute.getAnnotations());
            if (!entry.getValue().equals(annotations.get(ANNOTATION))) {
                annotations.put(ANNOTATION, entry.getValue());
                attribute.setAnnotations(annotations);
                changed = true;
            }
        }
        for (UPAttribute attribute : config.getAttributes()) {
            if (!ROOT_ATTRIBUTES.contains(attribute.getName()) && !MAPPED.containsKey(attribute.getName())
                    && (attribute.getAnnotations() == null || attribute.getAnnotations().isEmpty())) {
                attribute.setAnnotations(new HashMap<>(Map.of(UNMAPPED_ANNOTATION, "not provisioned by SCIM")));
                changed = true;
            }
        }
        return changed;
    }
}
