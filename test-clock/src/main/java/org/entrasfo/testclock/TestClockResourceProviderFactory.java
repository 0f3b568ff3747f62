package org.entrasfo.testclock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Tests only: mounts {@link TestClockResource} at {@code /realms/master/test-clock} of the Keycloak under test. The
 * it-tests harness copies this jar into that distribution's {@code providers/}; the product bundle never holds it.
 */
public class TestClockResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "test-clock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new TestClockResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
